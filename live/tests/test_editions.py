"""Live coverage of a story in the Ukrainian edition: its page, poll, feed and console."""

import pytest
from django.urls import reverse

from live.models import LiveUpdate
from live.tests.stories import live_article, published_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def ukrainian_story(db):
    return live_article(headline="Обстріл Нікополя", slug="obstril-nikopolia", language="uk")


def test_the_live_page_polls_and_feeds_under_its_own_edition(client, ukrainian_story):
    published_update(ukrainian_story, body="<p>Світло повернулося.</p>")

    page = client.get("/uk/news/obstril-nikopolia/")
    poll = client.get("/uk/news/obstril-nikopolia/live/")
    feed = client.get("/uk/news/obstril-nikopolia/live/feed/")

    html = page.content.decode()
    assert page.status_code == 200 and "Світло повернулося." in html
    assert 'data-poll-url="/uk/news/obstril-nikopolia/live/"' in html
    assert 'href="/uk/news/obstril-nikopolia/live/feed/"' in html
    assert poll.status_code == 200 and "Світло повернулося." in poll.json()["updates"][0]["html"]
    assert feed.status_code == 200 and "Світло повернулося." in feed.content.decode()


def test_under_the_other_prefix_the_poll_is_missing_and_the_page_moves(client, ukrainian_story):
    assert client.get("/news/obstril-nikopolia/live/").status_code == 404
    assert client.get("/news/obstril-nikopolia/")["Location"] == "/uk/news/obstril-nikopolia/"


def test_the_console_writes_an_update_readers_of_the_edition_see(client, ukrainian_story, editor):
    client.force_login(editor)
    console = reverse("admin:live_livestory_console", args=[ukrainian_story.pk])

    page = client.get(console)
    written = client.post(
        console,
        {"action": "write", "step": "publish", "write-body": "<p>Двоє поранених.</p>"},
    )

    assert page.status_code == 200
    assert 'href="/uk/news/obstril-nikopolia/"' in page.content.decode()
    assert written.status_code == 302
    assert LiveUpdate.objects.get().status == LiveUpdate.Status.PUBLISHED
    client.logout()
    assert "Двоє поранених." in client.get("/uk/news/obstril-nikopolia/").content.decode()
