"""With the page cache on: slot and banner changes show at once; expiries end a page's life."""

import datetime

import pytest
import time_machine

from articles.publishing import unpublish_article
from articles.tests.factories import ArticleFactory
from frontpage.banners import end_banner, save_banner
from frontpage.models import BreakingBanner, FrontSlot
from frontpage.placing import clear_slot, place_story

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 4, 15, 0, tzinfo=datetime.UTC)
LEAD = FrontSlot.Position.LEAD


def lifetime(response):
    return int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])


def lead_of(response):
    return response.content.decode().split('class="lead-story"')[1].split("</section>")[0]


def warm(client, path="/"):
    client.get(path)
    response = client.get(path)
    assert response["X-Cache"] == "hit", path
    return response


def test_a_slot_change_shows_on_the_next_request(client, page_cache, editor):  # noqa: F811
    ArticleFactory(headline="Newest")
    placed = ArticleFactory(headline="Placed lead")
    assert "Newest" in lead_of(warm(client))

    place_story(position=LEAD, article=placed, editor=editor)
    assert "Placed lead" in lead_of(client.get("/"))
    assert "Placed lead" in lead_of(warm(client))

    clear_slot(position=LEAD, editor=editor)
    assert "Newest" in lead_of(client.get("/"))


def test_a_placed_story_withdrawn_leaves_the_cached_front(client, page_cache, editor):  # noqa: F811
    ArticleFactory(headline="Newest")
    placed = ArticleFactory(headline="Placed lead")
    place_story(position=LEAD, article=placed, editor=editor)
    assert "Placed lead" in lead_of(warm(client))

    unpublish_article(article=placed, editor=editor)

    assert "Placed lead" not in client.get("/").content.decode()


def test_the_cached_front_lives_until_the_slot_expires(client, page_cache, editor):  # noqa: F811
    with time_machine.travel(NOW, tick=False):
        ArticleFactory(headline="Newest")
        placed = ArticleFactory(headline="Until a quarter past")
        place_story(
            position=LEAD,
            article=placed,
            expires_at=NOW + datetime.timedelta(minutes=15),
            editor=editor,
        )
        cached = warm(client)
        assert "Until a quarter past" in lead_of(cached)
        assert lifetime(cached) <= 15 * 60

    with time_machine.travel(NOW + datetime.timedelta(minutes=15, seconds=1), tick=False):
        assert "Newest" in lead_of(client.get("/"))


def test_a_banner_change_shows_on_every_cached_page(client, page_cache, editor):  # noqa: F811
    story = ArticleFactory(headline="Story")
    pages = ["/", story.get_absolute_url(), "/search/?q=story"]
    for path in pages:
        assert 'class="breaking-banner"' not in warm(client, path).content.decode()

    banner = save_banner(banner=BreakingBanner(text="Air raid alert", url="/"), editor=editor)
    for path in pages:
        assert "Air raid alert" in client.get(path).content.decode(), path
        assert "Air raid alert" in warm(client, path).content.decode(), path

    end_banner(banner=banner, editor=editor)
    for path in pages:
        assert "Air raid alert" not in client.get(path).content.decode(), path


def test_the_cached_page_lives_until_the_banner_expires(client, page_cache, editor):  # noqa: F811
    with time_machine.travel(NOW, tick=False):
        story = ArticleFactory(headline="Story")
        save_banner(
            banner=BreakingBanner(
                text="Air raid alert", url="/", expires_at=NOW + datetime.timedelta(minutes=5)
            ),
            editor=editor,
        )
        cached = warm(client, story.get_absolute_url())
        assert "Air raid alert" in cached.content.decode()
        assert lifetime(cached) <= 5 * 60

    with time_machine.travel(NOW + datetime.timedelta(minutes=5, seconds=1), tick=False):
        assert "Air raid alert" not in client.get(story.get_absolute_url()).content.decode()
