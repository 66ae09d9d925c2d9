"""A local stand-in for the providers: an HTTP server the test starts, never the internet."""

import contextlib
import copy
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image as PILImage

from newsroom.embed_providers import EMBED_PROVIDERS

VIDEO_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
TELEGRAM_URL = "https://t.me/nikopol_city/1234"
CHART_URL = "https://datawrapper.dwcdn.net/AbC12/3/"


def jpeg(width=640, height=360, color=(180, 40, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


class ProviderServer:
    """Answers ``routes[path]`` = (status, headers, body[, delay seconds]); logs every path."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                path = self.path.split("?")[0]
                server.requests.append(self.path)
                status, headers, body, *delay = server.routes.get(
                    path, (404, {"Content-Type": "text/plain"}, b"no such thing")
                )
                if delay:
                    time.sleep(delay[0])
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def json(self, path, data, status=200):
        self.routes[path] = (
            status,
            {"Content-Type": "application/json"},
            json.dumps(data).encode(),
        )

    def youtube_answer(self, **changes):
        answer = {
            "type": "video",
            "version": "1.0",
            "title": "Drone footage of the Kakhovka reservoir bed",
            "author_name": "Ukrainska Pravda",
            "author_url": "https://www.youtube.com/@pravda",
            "provider_name": "YouTube",
            "thumbnail_url": f"{self.origin}/thumbnails/video.jpg",
            "width": 560,
            "height": 315,
            "html": '<iframe width="560" height="315" src="https://www.youtube.com/embed/x"></iframe>',
            **changes,
        }
        self.json("/oembed/youtube", answer)
        self.routes["/thumbnails/video.jpg"] = (200, {"Content-Type": "image/jpeg"}, jpeg())
        return answer


@contextlib.contextmanager
def serving_providers(settings):
    """The providers' oEmbed endpoints pointed at a local server the resolver may reach (the
    ``provider_server`` fixture)."""
    server = ProviderServer()
    server.thread.start()
    providers = copy.deepcopy(EMBED_PROVIDERS)
    for provider in providers:
        if provider["oembed"]:
            provider["oembed"] = f"{server.origin}/oembed/{provider['name']}"
    settings.NEWSROOM_EMBED_PROVIDERS = providers
    # Only this one address; every other private or loopback address stays refused.
    settings.NEWSROOM_EMBED_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.NEWSROOM_EMBED_TIMEOUT_SECONDS = 1
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def embed_paragraph(url):
    return f'<p><a href="{url}">{url}</a></p>'
