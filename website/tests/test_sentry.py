"""Errors reach Sentry through its SDK when SENTRY_DSN is set, and nothing is sent otherwise."""

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tools.site import free_port, manage, site_env

# A site of its own on SQLite, whatever DATABASE_URL says: the PostgreSQL pass leaves it out.
pytestmark = pytest.mark.database_neutral

# The request fails for real: the site's database has no tables yet.
FAILING_REQUEST = """
import os
import sentry_sdk
from django.test import Client
reader = Client(
    raise_request_exception=False,
    HTTP_HOST="localhost",
    HTTP_COOKIE="sessionid=" + os.environ["READER_SESSION"],
)
response = reader.get("/news/some-story/")
print(response.status_code, sentry_sdk.get_client().is_active())
sentry_sdk.flush(timeout=10)
"""


class Collector(BaseHTTPRequestHandler):
    """Plays the Sentry ingest endpoint: keeps every envelope it is sent."""

    envelopes = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.envelopes.append((self.path, body.decode()))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_endpoint():
    server = ThreadingHTTPServer(("127.0.0.1", free_port(8720, 8729)), Collector)
    Collector.envelopes = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://public-key@127.0.0.1:{server.server_address[1]}/42", Collector.envelopes
    server.shutdown()
    server.server_close()


def run_failing_request(env):
    env = {**env, "READER_SESSION": "reader-secret"}
    return manage(env, "shell", "-v0", "-c", FAILING_REQUEST, timeout=120)


def events(envelopes):
    for _, body in envelopes:
        for line in body.splitlines():
            item = json.loads(line) if line.startswith("{") else {}
            if "exception" in item:
                yield item


def test_an_error_is_reported_to_sentry_without_the_readers_cookies(
    tmp_path, sentry_endpoint, collected_static
):
    dsn, envelopes = sentry_endpoint
    env = site_env(tmp_path, SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="staging")

    result = run_failing_request(env)

    assert result.stdout.split() == ["503", "True"], result.stderr
    assert all(path == "/api/42/envelope/" for path, _ in envelopes)
    (event,) = list(events(envelopes))
    assert event["exception"]["values"][-1]["type"] == "OperationalError"
    assert event["environment"] == "staging"
    assert event["transaction"] == "/news/{slug}/"
    assert "reader-secret" not in json.dumps(event)


def test_without_a_dsn_sentry_stays_off(tmp_path, sentry_endpoint, collected_static):
    _, envelopes = sentry_endpoint

    result = run_failing_request(site_env(tmp_path))

    assert result.stdout.split() == ["503", "False"], result.stderr
    assert envelopes == []
