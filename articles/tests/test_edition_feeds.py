"""Each edition's feeds: its own stories, in its language, named and linked within it."""

from xml.etree import ElementTree

import pytest

from articles.models import SectionName, TagName
from articles.tests.factories import ArticleFactory, SectionFactory, hidden_articles
from authors.models import AuthorText
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(response):
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def rss_items(response):
    return [
        (item.findtext("title"), item.findtext("link"))
        for item in parse(response).iterfind("channel/item")
    ]


@pytest.fixture
def editions():
    """A story in English, its Ukrainian translation and a Ukrainian-only story, sharing a
    section, a tag and a writer, with the section, tag and writer named for Ukrainian readers."""
    section = SectionFactory(name="Economy", slug="economy", description="Money and markets.")
    SectionName.objects.create(
        section=section, language="uk", name="Економіка", description="Гроші та ринки."
    )
    writer = AuthorFactory(name="Iryna Kravets", slug="iryna-kravets", bio="Covers trade.")
    AuthorText.objects.create(author=writer, language="uk", bio="Пише про торгівлю.")
    shared = {"section": section, "authors": [writer], "tags": ["grain"]}
    english = ArticleFactory(headline="Grain deal signed", slug="grain-deal-signed", **shared)
    ukrainian = ArticleFactory(
        headline="Зернову угоду підписано",
        slug="zernovu-uhodu-pidpysano",
        language="uk",
        translation_key=english.translation_key,
        **shared,
    )
    only_ukrainian = ArticleFactory(
        headline="Порт Одеси відновив роботу", slug="port-odesy", language="uk", **shared
    )
    TagName.objects.create(tag=english.tags.get(), language="uk", name="зерно")
    return {"english": english, "ukrainian": ukrainian, "only_ukrainian": only_ukrainian}


FEEDS = ["feeds", "feeds/sections/economy", "feeds/tags/grain", "feeds/authors/iryna-kravets"]


@pytest.mark.parametrize("feed", FEEDS)
def test_each_edition_lists_its_own_stories_linked_to_their_own_addresses(client, editions, feed):
    english = client.get(f"/{feed}/rss/")
    ukrainian = client.get(f"/uk/{feed}/rss/")

    assert rss_items(english) == [("Grain deal signed", f"{ORIGIN}/news/grain-deal-signed/")]
    assert rss_items(ukrainian) == [
        ("Зернову угоду підписано", f"{ORIGIN}/uk/news/zernovu-uhodu-pidpysano/"),
        ("Порт Одеси відновив роботу", f"{ORIGIN}/uk/news/port-odesy/"),
    ]
    assert parse(english).findtext("channel/language") == "en"
    assert parse(ukrainian).findtext("channel/language") == "uk"


@pytest.mark.parametrize("feed", FEEDS)
def test_atom_speaks_the_editions_language_and_names_itself_within_it(client, editions, feed):
    english = parse(client.get(f"/{feed}/atom/"))
    ukrainian = parse(client.get(f"/uk/{feed}/atom/"))

    assert english.get(XML_LANG) == "en"
    assert ukrainian.get(XML_LANG) == "uk"
    links = {link.get("rel"): link.get("href") for link in ukrainian.findall(f"{ATOM}link")}
    assert links["self"] == f"{ORIGIN}/uk/{feed}/atom/"
    assert links["alternate"].startswith(f"{ORIGIN}/uk/")
    # Two editions' feeds are two feeds to a reader: never the same id.
    assert english.findtext(f"{ATOM}id") != ukrainian.findtext(f"{ATOM}id")
    entries = [entry.findtext(f"{ATOM}title") for entry in ukrainian.iterfind(f"{ATOM}entry")]
    assert entries == ["Зернову угоду підписано", "Порт Одеси відновив роботу"]


def test_site_feed_links_to_the_editions_front_page(client, editions):
    channel = parse(client.get("/uk/feeds/rss/")).find("channel")

    assert channel.findtext("link") == f"{ORIGIN}/uk/"
    assert channel.find(f"{ATOM}link").get("href") == f"{ORIGIN}/uk/feeds/rss/"


def test_section_tag_and_author_feeds_use_the_editions_names_and_texts(client, editions):
    section = parse(client.get("/uk/feeds/sections/economy/rss/")).find("channel")
    tag = parse(client.get("/uk/feeds/tags/grain/rss/")).find("channel")
    author = parse(client.get("/uk/feeds/authors/iryna-kravets/rss/")).find("channel")

    assert section.findtext("title") == "Економіка — The Newsroom"
    assert section.findtext("description") == "Гроші та ринки."
    assert section.findtext("link") == f"{ORIGIN}/uk/sections/economy/"
    assert tag.findtext("title") == "зерно — The Newsroom"
    assert tag.findtext("link") == f"{ORIGIN}/uk/tags/grain/"
    assert author.findtext("title") == "Iryna Kravets — The Newsroom"
    assert author.findtext("description") == "Пише про торгівлю."
    assert author.findtext("link") == f"{ORIGIN}/uk/authors/iryna-kravets/"


def test_the_default_edition_keeps_its_own_names_and_texts(client, editions):
    section = parse(client.get("/feeds/sections/economy/rss/")).find("channel")
    author = parse(client.get("/feeds/authors/iryna-kravets/rss/")).find("channel")

    assert section.findtext("title") == "Economy — The Newsroom"
    assert section.findtext("description") == "Money and markets."
    assert author.findtext("description") == "Covers trade."


def test_items_name_their_section_and_tags_and_link_their_authors_in_the_edition(client, editions):
    english = parse(client.get("/feeds/rss/")).find("channel/item")
    ukrainian = parse(client.get("/uk/feeds/rss/")).find("channel/item")
    atom = parse(client.get("/uk/feeds/atom/")).find(f"{ATOM}entry")

    assert [category.text for category in english.findall("category")] == ["Economy", "grain"]
    assert [category.text for category in ukrainian.findall("category")] == ["Економіка", "зерно"]
    assert atom.findtext(f"{ATOM}author/{ATOM}uri") == f"{ORIGIN}/uk/authors/iryna-kravets/"


def test_an_edition_without_its_own_names_shows_the_default_ones(client):
    ArticleFactory(section=SectionFactory(name="Sport", slug="sport"), tags=["football"])
    ArticleFactory(
        language="uk", section=SectionFactory(name="Culture", slug="culture"), tags=["music"]
    )

    item = parse(client.get("/uk/feeds/rss/")).find("channel/item")

    assert [category.text for category in item.findall("category")] == ["Culture", "music"]


class TestBadInput:
    def test_an_unknown_edition_has_no_feeds(self, client, editions):
        for path in ("/xx/feeds/rss/", "/xx/feeds/atom/", "/xx/feeds/sections/economy/rss/"):
            assert client.get(path).status_code == 404, path

    @pytest.mark.parametrize("kind", ["sections", "tags", "authors"])
    def test_a_list_with_nothing_published_in_the_edition_has_no_feed_there(self, client, kind):
        """As its page: a section, tag or author readers cannot see in an edition is a 404."""
        section = SectionFactory(name="Defence", slug="defence")
        author = AuthorFactory(name="Taras Bondarenko", slug="taras-bondarenko")
        ArticleFactory(headline="Only in English", section=section, authors=[author], tags=["war"])
        hidden_articles(language="uk", section=section, authors=[author], tags=["war"])
        slug = {"sections": "defence", "tags": "war", "authors": "taras-bondarenko"}[kind]

        for feed_type in ("rss", "atom"):
            assert client.get(f"/feeds/{kind}/{slug}/{feed_type}/").status_code == 200
            response = client.get(f"/uk/feeds/{kind}/{slug}/{feed_type}/")
            assert response.status_code == 404
            assert "Only in English" not in response.content.decode()

    def test_an_editions_site_feed_with_nothing_published_yet_is_empty(self, client):
        ArticleFactory(headline="Only in English")
        hidden_articles(language="uk")

        channel = parse(client.get("/uk/feeds/rss/")).find("channel")

        assert channel.findall("item") == []
        assert channel.findtext("language") == "uk"

    def test_hidden_stories_stay_out_of_every_editions_feeds(self, client, editions):
        section = editions["ukrainian"].section
        hidden_articles(
            language="uk", section=section, tags=["grain"], authors=editions["ukrainian"].byline
        )
        for feed in FEEDS:
            headlines = [title for title, _ in rss_items(client.get(f"/uk/{feed}/rss/"))]
            assert headlines == ["Зернову угоду підписано", "Порт Одеси відновив роботу"], feed


@pytest.mark.parametrize(
    "feed, queries",
    # The default edition's counts (test_feeds), and the names of the items' section and tags in
    # the edition; the section, tag or author comes with its words in the edition.
    [
        ("feeds", 3 + 2),
        ("feeds/sections/economy", 4 + 3),
        ("feeds/tags/grain", 4 + 3),
        ("feeds/authors/iryna-kravets", 4 + 3),
    ],
)
def test_another_editions_query_count_stays_flat_as_the_feed_grows(
    client, django_assert_num_queries, editions, feed, queries
):
    section = editions["ukrainian"].section
    writer = editions["ukrainian"].byline[0]
    for path in (f"/uk/{feed}/rss/", f"/uk/{feed}/atom/"):
        with django_assert_num_queries(queries):
            client.get(path)
    for number in range(20):
        ArticleFactory(
            language="uk", section=section, authors=[writer], tags=["grain", f"topic-{number}"]
        )
    for path in (f"/uk/{feed}/rss/", f"/uk/{feed}/atom/"):
        with django_assert_num_queries(queries):
            assert len(parse(client.get(path)).findall(".//{*}title")) > 20
