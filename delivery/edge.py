"""Purges by key sent to every edge cache in ``NEWSROOM_EDGE_PURGE_URLS``.

Each edge gets ``PURGE <path>`` with the keys in an ``xkey-purge`` header (our Varnish VCL reads
it; see deploy/varnish/newsroom.vcl). Purges run on a background thread after the commit, with
a short timeout and a bounded number of retries, so a slow or dead edge never holds up or fails
a save; every failure is logged.
"""

import http.client
import logging
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)
# Varnish accepts long headers, but stay well under common 8 KB limits.
MAX_HEADER_CHARACTERS = 4000
_pending = []
_pending_lock = threading.Lock()


def purge_keys(keys):
    """Queue a purge of ``keys`` on every configured edge; returns the thread doing it (or None)."""
    urls = settings.NEWSROOM_EDGE_PURGE_URLS
    if not keys or not urls:
        return None
    batches = list(_batches(sorted(keys)))
    thread = threading.Thread(target=_purge_everywhere, args=(urls, batches), daemon=True)
    with _pending_lock:
        _pending[:] = [pending for pending in _pending if pending.is_alive()]
        _pending.append(thread)
    thread.start()
    return thread


def wait_for_purges(timeout=10):
    """Block until queued purges are done (tests, and management commands before they exit)."""
    with _pending_lock:
        threads = list(_pending)
    for thread in threads:
        thread.join(timeout)


def _batches(keys):
    batch, length = [], 0
    for key in keys:
        if batch and length + len(key) + 1 > MAX_HEADER_CHARACTERS:
            yield batch
            batch, length = [], 0
        batch.append(key)
        length += len(key) + 1
    if batch:
        yield batch


def _purge_everywhere(urls, batches):
    for url in urls:
        for batch in batches:
            _purge_with_retries(url, batch)


def _purge_with_retries(url, keys):
    attempts = settings.NEWSROOM_EDGE_PURGE_ATTEMPTS
    for attempt in range(1, attempts + 1):
        try:
            status = send_purge(url, keys)
        except OSError as error:
            problem = str(error) or type(error).__name__
        else:
            if 200 <= status < 300:
                return True
            problem = f"HTTP {status}"
        if attempt < attempts:
            time.sleep(settings.NEWSROOM_EDGE_PURGE_BACKOFF_SECONDS * attempt)
    logger.error(
        "Edge purge failed after %d attempts at %s (%s): %s", attempts, url, problem, " ".join(keys)
    )
    return False


def send_purge(url, keys):
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(
        parts.hostname, parts.port, timeout=settings.NEWSROOM_EDGE_PURGE_TIMEOUT_SECONDS
    )
    try:
        purge_headers = {"xkey-purge": " ".join(keys), "Content-Length": "0"}
        connection.request("PURGE", parts.path or "/", headers=purge_headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()
