"""The benchmark's own requests, one at a time: timing a GET, waiting for a server to drain.

(The servers themselves, gunicorn and Varnish, are started by tools.site.)
"""

import time
import urllib.error
import urllib.request


def http_get(url, timeout=120):
    """(status, body bytes, seconds) of one GET; an error status is an answer, not an error."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body = error.read()
        status = error.code
    return status, len(body), time.perf_counter() - started


def wait_until_drained(url, *, quick_s=0.25, limit_s=120):
    """Wait until a request to ``url`` (a cheap page) is answered at once, twice in a row;
    returns the seconds waited.

    When wrk stops, the requests it gave up on are still queued at the server, which serves them
    anyway; a measurement started then would begin on a server busy with the last one's pages.
    """
    started = time.monotonic()
    quick = 0
    while quick < 2 and time.monotonic() - started < limit_s:
        try:
            seconds = http_get(url, timeout=limit_s)[2]
        except OSError:
            seconds = limit_s
        quick = quick + 1 if seconds < quick_s else 0
    return time.monotonic() - started
