"""`make edge`'s Varnish, started from wherever the checkout lives."""

import http.server
import shutil
import threading
import urllib.request

import pytest

from tools import site
from tools.edge import Stack

# A site of its own on SQLite, whatever DATABASE_URL says: the PostgreSQL pass leaves it out.
pytestmark = pytest.mark.database_neutral


class HealthyApp(http.server.BaseHTTPRequestHandler):
    """An app instance reduced to its health check: enough for Varnish to count it up."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_the_edge_starts_from_a_checkout_only_its_owner_can_read(tmp_path, varnishd):
    """A home directory is often 0700: varnishd's own users cannot read a checkout inside it."""
    home = tmp_path / "home"
    vcl_dir = home / "newsroom" / "deploy" / "varnish"
    shutil.copytree(site.VCL.parent, vcl_dir)
    work_dir = home / "newsroom" / "var" / "edge"
    work_dir.mkdir(parents=True)
    home.chmod(0o700)
    edge_port, app_port = site.free_ports(2)
    app = http.server.ThreadingHTTPServer(("127.0.0.1", app_port), HealthyApp)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    stack = Stack(edge_port, [app_port], {}, work_dir, vcl=vcl_dir / "newsroom.vcl")
    try:
        stack.start_edge()
        with urllib.request.urlopen(f"{stack.edge_url}/healthz", timeout=10) as response:
            status, body = response.status, response.read().decode()
    finally:
        stack.stop_all()
        app.shutdown()
        app.server_close()
    assert (status, body) == (200, "ok")
