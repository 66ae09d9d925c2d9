import http.server
import threading

import pytest
from django.conf import settings
from django.core.cache import caches

from delivery.versions import versions_for


@pytest.fixture
def page_cache(settings, db):
    """The page cache on, empty, over whatever cache the run configures (Redis or local)."""
    settings.NEWSROOM_PAGE_CACHE = True
    caches[settings.NEWSROOM_PAGE_CACHE_ALIAS].clear()
    yield caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]
    for alias in settings.CACHES:
        try:
            caches[alias].clear()
        except Exception:  # A test may have pointed the cache at a Redis that is down.
            pass


@pytest.fixture
def editor_user(db):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def invalidations(page_cache):
    """``with invalidations() as bumped:`` — the keys whose version moved inside the block."""

    class Recorder:
        def __call__(self):
            return self

        def __enter__(self):
            self.versions = versions_for(settings.NEWSROOM_PAGE_CACHE_ALIAS)
            self.clock = self.versions.clock()
            return self

        def __exit__(self, *exc_info):
            return False

        def keys(self, *candidates):
            return {key for key in candidates if self.versions.newest([key]) > self.clock}

        @property
        def anything(self):
            return self.versions.clock() > self.clock

    return Recorder()


@pytest.fixture
def purge_receiver():
    """A stand-in edge that answers 200 to PURGE and notes the keys it was asked to drop."""
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append(set(self.headers["xkey-purge"].split()))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.received = received
    server.url = f"http://127.0.0.1:{server.server_address[1]}/"
    yield server
    server.shutdown()
    server.server_close()
