"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, axe-core, the demo.

Chromium and axe-core live outside the virtualenv (``apt-get install chromium``, ``make js-deps``).
Where they are missing the tests skip, unless ``NEWSROOM_REQUIRE_BROWSER=1`` (CI) makes them fail.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from playwright.sync_api import sync_playwright

from articles.tests.browser.pages import READER_PAGES

CHROMIUM = Path(os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
DEMO_FILLER_ARTICLES = 45  # with the seed stories: two full pages of the feed and a short third


def browser_missing(reason):
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (NEWSROOM_REQUIRE_BROWSER=1 makes browser tests mandatory)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        browser_missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API keeps an event loop in this thread, which Django's async-safety
    # check mistakes for async code calling the ORM; the ORM still only runs synchronously.
    # https://github.com/microsoft/playwright-python/issues/439
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


@pytest.fixture(scope="module")
def demo_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("browser-uploads")


@pytest.fixture(autouse=True)
def isolated_media_root(settings, demo_media_root):
    """The demo's pictures and renditions are made once per module and kept for every test."""
    settings.MEDIA_ROOT = demo_media_root


def warm_up(client):
    """Renders every page the tests visit, so the image renditions they use exist."""
    for path in READER_PAGES.values():
        url = path
        while url:
            response = client.get(url)
            assert response.status_code == 200, url
            page = response.context.get("page")
            url = f"{path}?before={page.next_cursor}" if page and page.has_next else None


@pytest.fixture(scope="module")
def demo_fixture(browser, django_db_setup, django_db_blocker, demo_media_root, tmp_path_factory):
    """The demo newsroom as a fixture file, its image renditions already made.

    ``load_demo`` draws its pictures and the first page views make renditions, which takes
    seconds; loading this file takes a fraction of one. Every live-server test flushes the
    database when it ends, so each test loads the file again.
    """
    path = tmp_path_factory.mktemp("browser-demo") / "demo.json"
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media_root):
        call_command(
            "load_demo", "--articles", str(DEMO_FILLER_ARTICLES), "--no-logins", verbosity=0
        )
        warm_up(Client())
        call_command(
            "dumpdata",
            "media",
            "authors",
            "taggit",
            "articles",
            "embeds",
            natural_foreign=True,
            output=str(path),
            verbosity=0,
        )
    return path


@pytest.fixture
def demo(transactional_db, demo_fixture):
    call_command("loaddata", str(demo_fixture), verbosity=0)


class Reader:
    """Opens pages in fresh browser contexts and notes what they request and what breaks."""

    def __init__(self, browser, base_url):
        self.browser = browser
        self.base_url = base_url
        self.contexts = []
        self.requested_urls = []
        self.script_errors = []

    def open(
        self, path, *, width=1280, height=900, color_scheme="light", javascript=True, clock=None
    ):
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: self.requested_urls.append(request.url))
        page.on("pageerror", lambda error: self.script_errors.append(f"{page.url}: {error}"))
        if clock is not None:
            page.clock.set_fixed_time(clock)
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        return page

    def requests_elsewhere(self):
        """Requested URLs on any host but ours (``data:`` and ``blob:`` URLs stay local)."""
        our_host = urlsplit(self.base_url).netloc
        return [
            url
            for url in self.requested_urls
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != our_host
        ]

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def reader(browser, live_server, demo):
    """``reader.open(path, width=360, color_scheme="dark", javascript=False)`` returns a page.

    Whatever the test checks, a script error or a request to another host on any page it
    opened fails it.
    """
    reader = Reader(browser, live_server.url)
    yield reader
    reader.close()
    assert not reader.script_errors, "script errors:\n" + "\n".join(reader.script_errors)
    elsewhere = reader.requests_elsewhere()
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
