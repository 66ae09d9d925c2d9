"""A live story's page in a real browser: new updates arrive without a reload; 304 while quiet.

Run alone with ``pytest -m browser live/tests/browser``.
"""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from authors.models import Author
from live import services
from live.models import LiveUpdate, LiveUpdateCorrection
from tools.testing.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser

UPDATES = ".live-updates > li"


@pytest.fixture
def fast_polling(settings, page_cache_on):
    """Readers' pages check every second, through the page cache as in production.

    The live server runs in this process, so it sees these settings. Without the page cache a
    compressed answer is never byte-for-byte the same twice (Django pads gzip against BREACH),
    so only the cache's stored ETag can be matched.
    """
    settings.NEWSROOM_LIVE_POLL_SECONDS = 1


@pytest.fixture
def live_desk(demo):
    """The demo's live story with no updates yet (the demo fixture keeps articles only; updates
    written while it was made may linger until the first test's flush)."""
    LiveUpdateCorrection.objects.all().delete()
    LiveUpdate.objects.all().delete()
    editor = User.objects.create_superuser("live-editor")
    # Updates are signed: the editor writes under a profile of their own.
    Author.objects.create(user=editor, name="Live Editor", slug="live-editor")
    story = Article.objects.published().get(live_started_at__isnull=False)
    return story, editor


def poll_statuses(page, story):
    """The statuses of the page's polls so far, and a function that waits for the next one."""
    statuses = []
    poll_url = reverse("live:poll", args=[story.slug])

    def is_poll(response):
        return response.url.endswith(poll_url)

    page.on(
        "response", lambda response: statuses.append(response.status) if is_poll(response) else None
    )

    def wait_for_polls(count):
        while len(statuses) < count:
            page.wait_for_event("response", predicate=is_poll)

    return statuses, wait_for_polls


def test_a_new_update_appears_on_an_open_page_without_reload(reader, live_desk, fast_polling):
    story, editor = live_desk
    services.write_update(
        article=story, user=editor, body="<p>Sirens over the river.</p>", step="publish"
    )
    page = reader.open(story.get_absolute_url())
    statuses, wait_for_polls = poll_statuses(page, story)
    expect(page.locator(UPDATES)).to_have_count(1)
    page.evaluate("window.stillTheSamePage = true")
    # The page is polling before the next update is written.
    wait_for_polls(1)

    services.write_update(
        article=story,
        user=editor,
        title="Two people injured in a drone strike",
        body="<p>Both were taken to hospital.</p>",
        is_key_event=True,
        step="publish",
    )

    first = page.locator(UPDATES).first
    expect(first).to_contain_text("Both were taken to hospital.", timeout=8000)
    expect(page.locator(UPDATES)).to_have_count(2)
    expect(page.locator(".key-events")).to_contain_text("Two people injured in a drone strike")
    expect(page.locator("[data-live-announcer]")).to_have_text("1 new update")
    assert page.evaluate("window.stillTheSamePage") is True, "the page was reloaded"
    assert 200 in statuses


def test_polling_falls_back_to_304_while_nothing_changes(reader, live_desk, fast_polling):
    story, editor = live_desk
    services.write_update(article=story, user=editor, body="<p>Quiet night.</p>", step="publish")
    page = reader.open(story.get_absolute_url())
    statuses, wait_for_polls = poll_statuses(page, story)
    wait_for_polls(3)
    assert statuses[:1] == [200], statuses
    assert set(statuses[1:]) == {304}, statuses
    expect(page.locator(UPDATES)).to_have_count(1)


def test_without_javascript_the_page_is_complete_and_never_polls(reader, live_desk):
    story, editor = live_desk
    services.write_update(article=story, user=editor, body="<p>Calm.</p>", step="publish")
    page = reader.open(story.get_absolute_url(), javascript=False)
    expect(page.locator(UPDATES)).to_have_count(1)
    expect(page.locator(".live-coverage h2").first).to_contain_text("Live updates")
    assert not [url for url in reader.requested_urls if url.endswith("/live/")]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_live_page_has_no_serious_accessibility_violations(
    reader, live_desk, axe_script, color_scheme
):
    story, editor = live_desk
    update = services.write_update(
        article=story,
        user=editor,
        title="Two people injured in a drone strike",
        body="<p>Both were taken to hospital.</p>",
        is_key_event=True,
        step="publish",
    )
    services.correct_update(update=update, editor=editor, text="She is 59, not 57.")
    services.write_update(article=story, user=editor, body="<p>Calm.</p>", step="publish")
    page = reader.open(story.get_absolute_url(), width=390, color_scheme=color_scheme)
    expect(page.locator(".key-events")).to_be_visible()
    violations = axe_violations(page, axe_script)
    assert not violations, describe_violations(violations)
