"""The Content-Security-Policy in a real browser: nothing on our pages is blocked by it.

Chromium fires ``securitypolicyviolation`` and logs a console error for anything a policy
blocks, so a page that trips its own policy fails here even where it still looks right.
"""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from articles.tests.browser.pages import AUTHOR_URL, FEED_URL, SEED_ARTICLE_URL
from articles.tests.factories import draft
from tools.testing import PASSWORD
from tools.testing.browser import sign_in_to_desk

# The policy is the same whatever the database: the PostgreSQL pass leaves it out.
pytestmark = [pytest.mark.browser, pytest.mark.database_neutral]

BODY_EDITOR = ".ProseMirror[contenteditable=true]"
# Runs before any script of the page, outside the page's policy.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile || "page"}:${event.lineNumber})`);
});
"""


class Watcher:
    """A browser context that notes policy violations, console errors and script errors."""

    def __init__(self, browser, base_url, *, width=1280):
        self.context = browser.new_context(
            base_url=base_url, viewport={"width": width, "height": 900}
        )
        self.context.set_default_timeout(10_000)
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.problems = []
        self.pages = []

    def open(self, path, status=200):
        page = self.context.new_page()
        page.on("console", lambda message: self.note_console(page, message))
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))
        response = page.goto(path)
        assert response.status == status, f"{path} answered {response.status}"
        assert response.headers.get("content-security-policy"), f"{path} has no policy"
        self.pages.append(page)
        return page

    def note_console(self, page, message):
        # An error page's own status is logged as a failed load; anything else is a problem.
        if message.type == "error" and "status of 400" not in message.text:
            self.problems.append(f"{page.url}: console: {message.text}")

    def violations(self):
        found = list(self.problems)
        for page in self.pages:
            if not page.is_closed():
                found += [f"{page.url}: {v}" for v in page.evaluate("window.__violations")]
        return found

    def close(self):
        self.context.close()


@pytest.fixture
def watcher(browser, live_server):
    watcher = Watcher(browser, live_server.url)
    yield watcher
    watcher.close()


@pytest.fixture
def reader_watcher(browser, demo):
    watcher = Watcher(browser, demo.url)
    yield watcher
    watcher.close()


def test_reader_pages_run_their_inline_script_and_style_under_the_policy(reader_watcher):
    watcher = reader_watcher
    for path in (FEED_URL, SEED_ARTICLE_URL, AUTHOR_URL, reverse("articles:search") + "?q=Kyiv"):
        page = watcher.open(path)
        page.wait_for_load_state("networkidle")
        # The inline script ran (it marks the page), and the inline stylesheet applied.
        assert page.evaluate("document.documentElement.classList.contains('has-js')"), path
        assert page.evaluate(
            "getComputedStyle(document.querySelector('.site-header')).display"
        ) not in ("", "inline"), path
    # The bad-request page is the same page frame, under the same policy.
    bad_request = watcher.open(FEED_URL + "?before=damaged", status=400)
    assert bad_request.evaluate("document.documentElement.classList.contains('has-js')")
    feed = watcher.pages[0]
    # Opened first, it is behind five other tabs: brought to the front as a reader would.
    feed.bring_to_front()
    items = feed.locator("[data-feed] > .feed__item")
    count = items.count()
    with feed.expect_response(lambda response: "fragment=1" in response.url) as fragment:
        feed.locator("[data-show-more]").press("Enter")
    assert fragment.value.ok
    expect(items).not_to_have_count(count)

    assert not watcher.violations(), "\n".join(watcher.violations())


def test_phones_fold_the_sections_under_the_policy(browser, demo):
    watcher = Watcher(browser, demo.url, width=360)
    page = watcher.open(FEED_URL)
    toggle = page.locator(".nav-toggle")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert not watcher.violations(), "\n".join(watcher.violations())
    watcher.close()


def log_in(watcher):
    User.objects.create_superuser("desk", "desk@example.com", PASSWORD)
    page = watcher.open(reverse("admin:login"))
    sign_in_to_desk(page, "desk")


def test_the_desk_editor_works_under_the_desk_policy(watcher, transactional_db):
    story = draft(headline="Port reopens", body="<p>Ships are moving again.</p>")
    log_in(watcher)

    page = watcher.open(reverse("admin:articles_article_add"))
    expect(page.locator(BODY_EDITOR)).to_be_visible()
    page.locator(BODY_EDITOR).click()
    page.keyboard.type("A new story begins.")
    expect(page.locator(BODY_EDITOR)).to_contain_text("A new story begins.")

    page = watcher.open(reverse("admin:articles_article_change", args=[story.pk]))
    page.locator(BODY_EDITOR).click()
    page.keyboard.press("End")
    page.keyboard.type(" Crews worked through the night.")
    page.locator("button[name=step][value=save]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Draft saved.")

    assert "Crews worked through the night." in Article.objects.get(pk=story.pk).body
    assert not watcher.violations(), "\n".join(watcher.violations())
