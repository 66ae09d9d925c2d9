"""gunicorn stopped under load (SIGTERM, as a deploy or an orchestrator does) finishes the
requests it is serving: the reader in the middle of a request gets the whole page."""

import os
import signal
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from tools.site import free_port, gunicorn

# A site of its own on SQLite, whatever DATABASE_URL says: the PostgreSQL pass leaves it out.
pytestmark = pytest.mark.database_neutral


def complete_page(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0], body


def load(base_url, paths, stop, answers):
    """A reader clicking through pages until told to stop; keeps (status, whole page?) pairs."""
    while not stop.is_set():
        for path in paths:
            try:
                with urllib.request.urlopen(base_url + path, timeout=60) as response:
                    body = response.read()
                    answers.append((response.status, body.rstrip().endswith(b"</html>")))
            except urllib.error.HTTPError as error:
                answers.append((error.code, False))
            except OSError:
                # Not yet taken by a worker when the listener closed: never in flight.
                answers.append((None, None))


def wait_until(condition, timeout=60):
    """Polls ``condition`` (the state of the gunicorn processes) until it holds or time is up."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_sigterm_under_load_lets_requests_in_flight_finish(sqlite_site, tmp_path):
    env, article_urls = sqlite_site
    port = free_port(8730, 8739)
    log_path = tmp_path / "gunicorn.log"
    with gunicorn(env, port=port, log_path=log_path, workers=3) as (base_url, server):
        for path in ["/", *article_urls[:3]]:
            urllib.request.urlopen(base_url + path, timeout=300).read()
        # A request in flight: a worker has taken it and waits for the rest of its headers.
        in_flight = socket.create_connection(("127.0.0.1", port), timeout=60)
        in_flight.sendall(f"GET {article_urls[0]} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        stop, answers = threading.Event(), []
        readers = [
            threading.Thread(target=load, args=(base_url, ["/", *article_urls[:3]], stop, answers))
            for _ in range(8)
        ]
        for thread in readers:
            thread.start()
        # Workers take connections in the order they came: once the load is being answered,
        # the connection made before it is in a worker's hands.
        assert wait_until(lambda: sum(status == 200 for status, _ in answers) >= 8)

        os.killpg(server.pid, signal.SIGTERM)
        assert wait_until(lambda: "Handling signal: term" in log_path.read_text())
        in_flight.sendall(b"Connection: close\r\n\r\n")
        raw = b""
        while chunk := in_flight.recv(65536):
            raw += chunk
        in_flight.close()
        stop.set()
        for thread in readers:
            thread.join()
        assert server.wait(timeout=60) == 0

    status_line, body = complete_page(raw)
    assert status_line == b"HTTP/1.1 200 OK"
    assert body.rstrip().endswith(b"</html>")
    served = [answer for answer in answers if answer[0] is not None]
    assert served, "the load never got an answer"
    assert all(status == 200 and whole for status, whole in served), served
    log = (tmp_path / "gunicorn.log").read_text()
    assert "Handling signal: term" in log
    assert "WORKER TIMEOUT" not in log
