"""The suite's shared fixtures, all here (no conftest imports another): desk people, the page
cache, services started once (PostgreSQL clusters, Varnish, collected static files), Chromium
and the demo newsroom for the browser tests; and the rules for skips and the `postgres` marker.

Helpers that tests import live in tools/testing/, never in a conftest.
"""

import contextlib
import fcntl
import hashlib
import http.server
import os
import shutil
import threading
from collections import OrderedDict

import pytest
from playwright.sync_api import expect

from tools import site
from tools.testing import desk_user, skip_or_fail, worker_port_range
from tools.testing.browser import AXE_SCRIPT, CHROMIUM, CHROMIUM_ARGS, Reader, browser_missing
from tools.testing.sites import SiteCopies, run_directory

# Playwright's assertions give up after 5 s. Under the whole suite a loaded two-core machine has
# taken longer than that to answer a page's first fragment request ("Show more"); a real failure
# still fails, only later.
expect.set_options(timeout=15_000)

# --- Where each test runs, and which skips CI accepts -------------------------------------------

# With NEWSROOM_REQUIRE_SERVICES=1 (both CI passes) a skip fails the run unless its reason is one
# of these: each names the pass where the skipped test does run.
ON_POSTGRESQL_ONLY = "runs in the PostgreSQL pass (marked postgres)"
ON_SQLITE_ONLY = "runs in the SQLite pass (marked sqlite)"
ALLOWED_SKIPS = (ON_POSTGRESQL_ONLY, ON_SQLITE_ONLY)


def on_postgresql():
    from django.db import connection

    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    for item in items:
        # Starting a cluster of their own is what only the PostgreSQL pass is set up for.
        if "postgres_cluster" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and not on_postgresql():
        pytest.skip(ON_POSTGRESQL_ONLY)
    if item.get_closest_marker("sqlite") and on_postgresql():
        pytest.skip(ON_SQLITE_ONLY)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.skipped and os.environ.get("NEWSROOM_REQUIRE_SERVICES") == "1":
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if not any(allowed in reason for allowed in ALLOWED_SKIPS):
            report.outcome = "failed"
            report.longrepr = (
                f"skipped ({reason}), and NEWSROOM_REQUIRE_SERVICES=1 allows only these skips: "
                f"{ALLOWED_SKIPS}"
            )
    return report


REMEMBERED_DRAWINGS = 64


@pytest.fixture(autouse=True)
def stories_dated_from_the_test_itself():
    """The factory's default publish times start an hour ago in every test, whatever ran
    before it: counted across the suite, they drifted days back and out of 24-hour windows."""
    from articles.tests.factories import restart_story_ages

    restart_story_ages()


@pytest.fixture(autouse=True)
def isolated_media_root(settings, tmp_path):
    """Uploads made by a test land in its own temporary folder, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True, scope="session")
def renditions_drawn_once_per_picture():
    """Dozens of tests load the demo newsroom, and resampling its pictures for their renditions
    took most of each load (10 of 16 s). The drawing depends only on the pixels, the specs and
    the focal point, so each distinct picture is drawn once per test run and the encoded bytes
    are reused; every rendition is still stored and indexed as on a real save. A picture not
    seen before, as in the media tests, is drawn for real.
    """
    # Imported here: the app registry is ready by the time fixtures run.
    import media.models
    from media.renditions import draw_renditions

    drawn = OrderedDict()

    def draw_or_reuse(picture, specs, full_size=None, focal_point=None):
        specs = list(specs)
        key = (
            picture.mode,
            picture.size,
            hashlib.blake2b(picture.tobytes(), digest_size=16).digest(),
            repr(sorted(picture.info.items())),
            tuple((spec.name, image_format) for spec, image_format in specs),
            full_size,
            focal_point,
        )
        if key not in drawn:
            drawn[key] = draw_renditions(picture, specs, full_size, focal_point)
            if len(drawn) > REMEMBERED_DRAWINGS:
                drawn.popitem(last=False)
        drawn.move_to_end(key)
        return list(drawn[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(media.models, "draw_renditions", draw_or_reuse)
        yield


# --- Desk people ----------------------------------------------------------------------------
# All sign in with tools.testing.PASSWORD; live/tests/conftest.py gives them bylines.


@pytest.fixture
def editor(db):
    return desk_user("editor", "Editors")


@pytest.fixture
def journalist(db):
    return desk_user("journalist", "Journalists")


@pytest.fixture
def other_journalist(db):
    return desk_user("colleague", "Journalists")


@pytest.fixture
def second_editor(db):
    return desk_user("night-editor", "Editors")


# --- The page cache -------------------------------------------------------------------------


@pytest.fixture
def page_cache_on(settings):
    """The page cache on, empty, over whatever cache the run configures (Redis or local); for
    browser tests, whose ``demo`` gives them the database."""
    from django.core.cache import caches

    settings.NEWSROOM_PAGE_CACHE = True
    caches[settings.NEWSROOM_PAGE_CACHE_ALIAS].clear()
    yield caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]
    for alias in settings.CACHES:
        try:
            caches[alias].clear()
        except Exception:  # A test may have pointed the cache at a Redis that is down.
            pass


@pytest.fixture
def page_cache(page_cache_on, db):
    return page_cache_on


@pytest.fixture
def invalidations(page_cache, settings):
    """``with invalidations() as bumped:`` — the keys whose version moved inside the block."""
    from delivery.versions import versions_for

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


# --- Services the tests start -----------------------------------------------------------------


@pytest.fixture
def purge_receiver():
    """A stand-in edge that answers 200 to PURGE and notes the keys it was asked to drop (the
    purge and re-crop tests)."""
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


@pytest.fixture
def provider_server(settings):
    """The embed providers' endpoints served by a local server the test starts, never the
    internet (embeds/tests/providers.py)."""
    from embeds.tests.providers import serving_providers

    with serving_providers(settings) as server:
        yield server


@contextlib.contextmanager
def once_for_the_run(tmp_path_factory, name):
    """Held by one xdist worker at a time; yields whether this one is the first to get it."""
    shared = run_directory(tmp_path_factory)
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / f"{name}.done"
        try:
            yield not done.exists()
            done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def postgres_cluster():
    """One throwaway PostgreSQL cluster for the session (per xdist worker), on a port of the
    worker's own range. Tests that use it are marked postgres: they run in the PostgreSQL pass.
    """
    if not site.postgres_bin("initdb") or not site.postgres_bin("pg_ctl"):
        skip_or_fail("PostgreSQL's initdb and pg_ctl are not installed")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        skip_or_fail("running as root needs runuser to start PostgreSQL as its own user")
    with site.throwaway_postgres(port=site.free_port(*worker_port_range(8700, 8709))) as cluster:
        yield cluster


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """gunicorn serves with DEBUG off, from collected static files, as `make serve` does.

    Collected once per run: two workers writing the same files would serve each other half of one.
    """
    with once_for_the_run(tmp_path_factory, "collectstatic") as first:
        if first:
            site.manage(site.site_env("/nonexistent"), "collectstatic", "--noinput", "-v0")


@pytest.fixture(scope="session")
def site_copies(tmp_path_factory):
    """Sites of their own on SQLite, migrated or with the demo, set up once per run and copied
    into each test's folder (``tools.testing.sites``)."""
    return SiteCopies(run_directory(tmp_path_factory))


@pytest.fixture(scope="session")
def varnishd():
    """Varnish, which the edge tests start in front of real app instances."""
    if not site.varnish_available():
        skip_or_fail("varnishd is not installed")


@pytest.fixture
def requests_in_flight():
    """Counts the requests a live server in this process is answering (``RequestsInFlight``)."""
    from django.core.signals import request_finished, request_started

    from tools.testing import RequestsInFlight

    counter = RequestsInFlight()
    request_started.connect(counter.started, weak=False)
    request_finished.connect(counter.finished, weak=False)
    yield counter
    request_started.disconnect(counter.started)
    request_finished.disconnect(counter.finished)


# --- Chromium and the demo newsroom -----------------------------------------------------------

DEMO_FILLER_ARTICLES = 45  # with the seed stories: two full pages of the feed and a short third


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        browser_missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API keeps an event loop in this thread, which Django's async-safety
    # check mistakes for async code calling the ORM; the ORM still only runs synchronously.
    # https://github.com/microsoft/playwright-python/issues/439
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_script():
    if not AXE_SCRIPT.exists():
        browser_missing(f"axe-core not found at {AXE_SCRIPT} (run `make js-deps`)")
    return AXE_SCRIPT


@pytest.fixture(scope="session")
def test_database(django_db_setup, django_db_blocker):
    """The test database, even in a run where no test asks for ``db`` (pytest-django makes it
    only for those): a module of browser tests that share the demo asks for none."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        yield
        return
    with django_db_blocker.unblock():
        made = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(made, verbosity=0)


@pytest.fixture(scope="session")
def demo_server(test_database):
    """A live server for the demo's modules; with in-memory SQLite it shares our connection."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def demo_site(browser, demo_server, django_db_blocker, tmp_path_factory):
    """The demo newsroom, loaded once for a module and served by a live server of its own.

    Loading it (pictures, renditions) takes seconds, so the module's tests share it rather than
    flushing and reloading it around each one (pytest-django's ``live_server`` would); a test that
    changes it is followed by a restore (see ``demo``). Its tests ask for no database fixture, so
    they run after the transactional ones, and the module leaves the database empty, as a
    transactional test does.
    """
    from articles.tests.browser.pages import READER_PAGES
    from tools.testing.demo import DemoSite

    with django_db_blocker.unblock():
        demo = DemoSite.load(
            tmp_path_factory,
            demo_server,
            articles=DEMO_FILLER_ARTICLES,
            warm_paths=READER_PAGES.values(),
        )
    try:
        yield demo
    finally:
        with django_db_blocker.unblock():
            demo.close()


@pytest.fixture
def demo(demo_site, django_db_blocker, settings):
    """The module's demo newsroom as it was loaded, and database access for the test.

    The demo is checked before each test and put back if the last one (or a transactional test
    in between) changed it.
    """
    settings.MEDIA_ROOT = demo_site.media_root
    with django_db_blocker.unblock(), demo_site.serving():
        demo_site.restore_if_changed()
        yield demo_site


@pytest.fixture
def reader(browser, demo):
    """``reader.open(path, width=360, color_scheme="dark", javascript=False)`` returns a page.

    Whatever the test checks, a script error or a request to another host on any page it
    opened fails it.
    """
    reader = Reader(browser, demo.url)
    yield reader
    reader.close()
    assert not reader.script_errors, "script errors:\n" + "\n".join(reader.script_errors)
    elsewhere = reader.requests_elsewhere()
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
