"""A live story's feeds speak its language and live in its edition."""

from xml.etree import ElementTree

import pytest

from articles.tests.factories import draft
from live.tests.stories import live_article, published_update

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def ukrainian_story():
    story = live_article(headline="Обстріл Нікополя", slug="obstril-nikopolya", language="uk")
    published_update(story, title="Сирени над містом")
    return story


def parse(response):
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def test_a_stories_feeds_carry_its_language_and_link_into_its_edition(client, ukrainian_story):
    rss = parse(client.get("/uk/news/obstril-nikopolya/live/feed/")).find("channel")
    atom = parse(client.get("/uk/news/obstril-nikopolya/live/feed/atom/"))

    assert rss.findtext("language") == "uk"
    assert rss.findtext("link") == f"{ORIGIN}/uk/news/obstril-nikopolya/"
    assert rss.findtext("item/title") == "Сирени над містом"
    assert rss.findtext("item/link").startswith(f"{ORIGIN}/uk/news/obstril-nikopolya/#update-")
    assert atom.get(XML_LANG) == "uk"
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{ATOM}link")}
    assert links["self"] == f"{ORIGIN}/uk/news/obstril-nikopolya/live/feed/atom/"


def test_the_default_editions_story_keeps_its_unprefixed_feed_in_its_language(client):
    story = live_article(headline="Shelling of Nikopol", slug="shelling-of-nikopol")
    published_update(story, title="Sirens over the city")

    rss = parse(client.get("/news/shelling-of-nikopol/live/feed/")).find("channel")

    assert rss.findtext("language") == "en"
    assert rss.findtext("item/link").startswith(f"{ORIGIN}/news/shelling-of-nikopol/#update-")


@pytest.mark.parametrize(
    "asked, own",
    [
        ("/news/obstril-nikopolya/live/feed/", "/uk/news/obstril-nikopolya/live/feed/"),
        ("/news/obstril-nikopolya/live/feed/atom/", "/uk/news/obstril-nikopolya/live/feed/atom/"),
    ],
)
def test_a_feed_asked_for_in_another_edition_redirects_to_its_own(
    client, ukrainian_story, asked, own
):
    response = client.get(asked)

    assert response.status_code == 301
    assert response["Location"] == own


def test_a_default_edition_story_asked_for_under_a_prefix_redirects_home(client):
    live_article(slug="shelling-of-nikopol")

    response = client.get("/uk/news/shelling-of-nikopol/live/feed/")

    assert response.status_code == 301
    assert response["Location"] == "/news/shelling-of-nikopol/live/feed/"


def test_bad_addresses_are_not_found_and_say_nothing_of_hidden_stories(client):
    hidden = draft(
        headline="Secret live draft",
        slug="secret-live",
        language="uk",
        live_started_at=live_article().live_started_at,
    )
    for path in (
        "/xx/news/obstril-nikopolya/live/feed/",
        "/uk/news/nowhere/live/feed/",
        f"/uk/news/{hidden.slug}/live/feed/",
        f"/news/{hidden.slug}/live/feed/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert hidden.headline not in response.content.decode()
