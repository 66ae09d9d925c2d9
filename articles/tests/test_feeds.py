import datetime
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains

from articles import feeds
from articles.tests.factories import ArticleFactory, SectionFactory, hidden_articles, scheduled
from authors.tests.factories import AuthorFactory
from media.models import Rendition
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
}
ORIGIN = "http://testserver"


def parse(response):
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def rss_headlines(response):
    return [item.findtext("title") for item in parse(response).iterfind("channel/item")]


def atom_headlines(response):
    return [
        entry.findtext("atom:title", namespaces=NS)
        for entry in parse(response).iterfind("atom:entry", NS)
    ]


@pytest.fixture
def story():
    """A visible article with two bylines, tags, a lead image and a later revision."""
    section = SectionFactory(name="Europe", slug="europe")
    authors = [AuthorFactory(name="Kateryna Hodunova"), AuthorFactory(name="Anna Bell")]
    article = ArticleFactory(
        headline="Talks & sanctions: what <comes> next",
        dek="Ministers meet in Brussels & Kyiv.",
        body="<p>First paragraph.</p><p>Second paragraph.</p>",
        section=section,
        authors=authors,
        tags=["sanctions", "energy"],
        lead_image=ImageFactory(caption="Ministers arrive.", credit="Staff / AFP"),
    )
    article.revised_at = article.published_at + datetime.timedelta(minutes=30)
    article.save(update_fields=["revised_at"])
    return article


def feed_urls(article):
    """Every feed the article belongs to, RSS then Atom for each."""
    author = article.byline[0]
    return {
        "site": (reverse("articles:feed_rss"), reverse("articles:feed_atom")),
        "section": (
            reverse("articles:section_feed_rss", args=[article.section.slug]),
            reverse("articles:section_feed_atom", args=[article.section.slug]),
        ),
        "tag": (
            reverse("articles:tag_feed_rss", args=["sanctions"]),
            reverse("articles:tag_feed_atom", args=["sanctions"]),
        ),
        "author": (
            reverse("articles:author_feed_rss", args=[author.slug]),
            reverse("articles:author_feed_atom", args=[author.slug]),
        ),
    }


class TestRss:
    def test_channel_names_the_site_and_links_to_itself(self, client, story):
        channel = parse(client.get(reverse("articles:feed_rss"))).find("channel")

        assert channel.findtext("title") == "The Newsroom"
        assert channel.findtext("link") == f"{ORIGIN}/"
        assert channel.findtext("description") == "Independent news, reporting and analysis."
        assert channel.findtext("language") == "en"
        self_link = channel.find("atom:link", NS)
        assert self_link.get("rel") == "self"
        assert self_link.get("href") == f"{ORIGIN}/feeds/rss/"

    def test_item_carries_summary_full_content_bylines_categories_and_dates(self, client, story):
        item = parse(client.get(reverse("articles:feed_rss"))).find("channel/item")

        assert item.findtext("title") == "Talks & sanctions: what <comes> next"
        assert item.findtext("link") == f"{ORIGIN}{story.get_absolute_url()}"
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.findtext("guid").endswith(f":article/{story.pk}")
        # The description is HTML: the plain-text dek arrives escaped.
        assert item.findtext("description") == "Ministers meet in Brussels &amp; Kyiv."
        assert item.findtext("content:encoded", namespaces=NS) == story.body
        assert [c.text for c in item.findall("dc:creator", NS)] == [
            "Kateryna Hodunova",
            "Anna Bell",
        ]
        assert [c.text for c in item.findall("category")] == ["Europe", "energy", "sanctions"]
        published = parsedate_to_datetime(item.findtext("pubDate"))
        assert published == story.published_at.replace(microsecond=0)

    def test_lead_image_is_an_enclosure_and_media_content(self, client, story):
        item = parse(client.get(reverse("articles:feed_rss"))).find("channel/item")
        rendition = Rendition.objects.get(image=story.lead_image, spec="w1200", format="jpeg")

        enclosure = item.find("enclosure")
        assert enclosure.get("url") == f"{ORIGIN}{rendition.file.url}"
        assert enclosure.get("length") == str(rendition.file.size)
        assert enclosure.get("type") == "image/jpeg"
        media = item.find("media:content", NS)
        assert media.get("url") == f"{ORIGIN}{rendition.file.url}"
        assert media.get("width") == str(rendition.width)
        assert media.get("height") == str(rendition.height)
        assert media.get("medium") == "image"
        assert media.get("type") == "image/jpeg"
        assert media.findtext("media:description", namespaces=NS) == "Ministers arrive."
        assert media.findtext("media:credit", namespaces=NS) == "Staff / AFP"

    def test_article_without_byline_or_image_has_neither(self, client):
        ArticleFactory()
        item = parse(client.get(reverse("articles:feed_rss"))).find("channel/item")
        assert item.find("enclosure") is None
        assert item.find("media:content", NS) is None
        assert item.findall("dc:creator", NS) == []


class TestAtom:
    def test_feed_has_id_title_updated_links_and_author(self, client, story):
        feed = parse(client.get(reverse("articles:feed_atom")))

        assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
        assert feed.findtext("atom:id", namespaces=NS) == "tag:localhost,2025-01-01:feed/"
        assert feed.findtext("atom:title", namespaces=NS) == "The Newsroom"
        assert feed.findtext("atom:subtitle", namespaces=NS) == (
            "Independent news, reporting and analysis."
        )
        updated = datetime.datetime.fromisoformat(feed.findtext("atom:updated", namespaces=NS))
        assert updated == story.revised_at
        links = {link.get("rel"): link.get("href") for link in feed.findall("atom:link", NS)}
        assert links == {"alternate": f"{ORIGIN}/", "self": f"{ORIGIN}/feeds/atom/"}
        assert feed.findtext("atom:author/atom:name", namespaces=NS) == "The Newsroom"

    def test_entry_carries_summary_content_every_author_categories_and_dates(self, client, story):
        entry = parse(client.get(reverse("articles:feed_atom"))).find("atom:entry", NS)

        assert entry.findtext("atom:id", namespaces=NS).endswith(f":article/{story.pk}")
        assert entry.findtext("atom:title", namespaces=NS) == story.headline
        published = entry.findtext("atom:published", namespaces=NS)
        updated = entry.findtext("atom:updated", namespaces=NS)
        assert datetime.datetime.fromisoformat(published) == story.published_at
        assert datetime.datetime.fromisoformat(updated) == story.revised_at
        authors = [
            (
                author.findtext("atom:name", namespaces=NS),
                author.findtext("atom:uri", namespaces=NS),
            )
            for author in entry.findall("atom:author", NS)
        ]
        assert authors == [
            (author.name, f"{ORIGIN}{author.get_absolute_url()}") for author in story.byline
        ]
        content = entry.find("atom:content", NS)
        assert content.get("type") == "html"
        assert content.text == story.body
        summary = entry.find("atom:summary", NS)
        assert summary.get("type") == "html"
        assert summary.text == "Ministers meet in Brussels &amp; Kyiv."
        terms = [category.get("term") for category in entry.findall("atom:category", NS)]
        assert terms == ["Europe", "energy", "sanctions"]
        links = {link.get("rel"): link for link in entry.findall("atom:link", NS)}
        assert links["alternate"].get("href") == f"{ORIGIN}{story.get_absolute_url()}"
        assert links["enclosure"].get("type") == "image/jpeg"
        assert entry.find("media:content", NS).get("medium") == "image"

    def test_entry_without_byline_leaves_the_author_to_the_feed(self, client):
        ArticleFactory()
        feed = parse(client.get(reverse("articles:feed_atom")))
        entry = feed.find("atom:entry", NS)
        assert entry.findall("atom:author", NS) == []
        assert entry.findtext("atom:updated", namespaces=NS)
        assert feed.find("atom:author", NS) is not None


@pytest.mark.parametrize("feed", ["articles:feed_rss", "articles:feed_atom"])
def test_links_and_images_in_the_content_name_our_host(client, feed):
    article = ArticleFactory(
        body=(
            '<p>See <a href="/news/earlier-story/">the earlier story</a>, '
            '<a href="#notes">the notes</a>, <a href="/search/?q=grain&amp;page=2">search</a>, '
            '<a href="https://example.org/report">the report</a> and '
            '<a href="mailto:desk@example.org">the desk</a>.</p>'
            '<p><img src="/media/uploads/map.png" alt="Map"></p>'
        )
    )
    document = parse(client.get(reverse(feed)))
    content = document.findtext("channel/item/content:encoded", namespaces=NS)
    if content is None:
        content = document.findtext("atom:entry/atom:content", namespaces=NS)
    page = f"{ORIGIN}{article.get_absolute_url()}"

    assert f'href="{ORIGIN}/news/earlier-story/"' in content
    assert f'href="{page}#notes"' in content
    assert f'href="{ORIGIN}/search/?q=grain&amp;page=2"' in content
    assert 'href="https://example.org/report"' in content
    assert 'href="mailto:desk@example.org"' in content
    assert f'src="{ORIGIN}/media/uploads/map.png"' in content
    assert 'rel="noopener noreferrer"' in content


class TestWhichArticles:
    @pytest.mark.parametrize("kind", ["site", "section", "tag", "author"])
    def test_no_feed_lists_drafts_reviews_scheduled_or_embargoed_articles(
        self, client, story, kind
    ):
        hidden_articles(section=story.section, tags=["sanctions"], authors=story.byline)
        rss_url, atom_url = feed_urls(story)[kind]

        assert rss_headlines(client.get(rss_url)) == [story.headline]
        assert atom_headlines(client.get(atom_url)) == [story.headline]

    def test_section_tag_and_author_feeds_list_only_their_own_articles(self, client, story):
        other = ArticleFactory(headline="Elsewhere", authors=[AuthorFactory()], tags=["sport"])
        for kind in ("section", "tag", "author"):
            rss_url, atom_url = feed_urls(story)[kind]
            assert rss_headlines(client.get(rss_url)) == [story.headline]
            assert atom_headlines(client.get(atom_url)) == [story.headline]
        assert other.headline in rss_headlines(client.get(reverse("articles:feed_rss")))

    def test_feed_titles_name_what_they_follow(self, client, story):
        urls = feed_urls(story)
        titles = {
            kind: parse(client.get(urls[kind][0])).findtext("channel/title")
            for kind in ("section", "tag", "author")
        }
        assert titles == {
            "section": "Europe — The Newsroom",
            "tag": "sanctions — The Newsroom",
            "author": "Kateryna Hodunova — The Newsroom",
        }

    def test_newest_first_and_no_more_than_the_feed_length(self, client, monkeypatch):
        monkeypatch.setattr(feeds, "FEED_LENGTH", 3)
        articles = [ArticleFactory() for _ in range(5)]  # each older than the one before
        expected = [article.headline for article in articles[:3]]

        assert rss_headlines(client.get(reverse("articles:feed_rss"))) == expected
        assert atom_headlines(client.get(reverse("articles:feed_atom"))) == expected

    @pytest.mark.parametrize(
        "name",
        [
            "section_feed_rss",
            "section_feed_atom",
            "tag_feed_rss",
            "tag_feed_atom",
            "author_feed_rss",
            "author_feed_atom",
        ],
    )
    def test_unknown_section_tag_or_author_answers_404(self, client, name):
        assert client.get(reverse(f"articles:{name}", args=["nowhere"])).status_code == 404

    def test_scheduled_article_appears_at_its_time_with_no_long_caching(self, client):
        article = scheduled(headline="Scheduled story")
        url = reverse("articles:feed_rss")

        response = client.get(url)
        assert "Scheduled story" not in rss_headlines(response)
        assert "max-age" not in response.headers.get("Cache-Control", "")
        with time_machine.travel(article.published_at + datetime.timedelta(seconds=1)):
            assert rss_headlines(client.get(url)) == ["Scheduled story"]


def test_canonical_origin_setting_makes_every_link_absolute_on_it(client, settings, story):
    settings.SITE_URL = "https://news.example.org"
    origin = settings.SITE_URL

    channel = parse(client.get(reverse("articles:feed_rss"))).find("channel")
    item = channel.find("item")
    assert channel.findtext("link") == f"{origin}/"
    assert channel.find("atom:link", NS).get("href") == f"{origin}/feeds/rss/"
    assert item.findtext("link") == f"{origin}{story.get_absolute_url()}"
    assert item.findtext("guid").startswith("tag:news.example.org,")
    assert item.find("enclosure").get("url").startswith(f"{origin}/media/")

    entry = parse(client.get(reverse("articles:feed_atom"))).find("atom:entry", NS)
    assert entry.findtext("atom:author/atom:uri", namespaces=NS).startswith(f"{origin}/authors/")


def entry_ids(response):
    root = parse(response)
    return [guid.text for guid in root.iterfind("channel/item/guid")] or [
        entry_id.text for entry_id in root.iterfind("atom:entry/atom:id", NS)
    ]


@pytest.mark.parametrize("name", ["feed_rss", "feed_atom"])
def test_entry_ids_do_not_change_with_the_host_a_reader_used(client, settings, story, name):
    """Without NEWSROOM_SITE_URL, ids come from the settings, not the request's host."""
    settings.SITE_URL = ""
    url = reverse(f"articles:{name}")
    by_name = entry_ids(client.get(url, headers={"host": "localhost"}))
    by_address = entry_ids(client.get(url, headers={"host": "127.0.0.1"}))
    assert (
        by_name == by_address == [f"tag:localhost,{story.created_at:%Y-%m-%d}:article/{story.pk}"]
    )


@pytest.mark.parametrize(
    "kind, queries",
    # site: articles, bylines, tags (the image's row indexes its renditions); the others first
    # look up what they follow.
    [("site", 3), ("section", 4), ("tag", 4), ("author", 4)],
)
def test_query_count_stays_flat_as_the_feed_grows(client, django_assert_num_queries, kind, queries):
    section = SectionFactory()
    authors = [AuthorFactory() for _ in range(3)]
    image = ImageFactory()

    def grow(count):
        for _ in range(count):
            ArticleFactory(
                section=section, authors=authors, tags=["sanctions", "energy"], lead_image=image
            )

    grow(3)
    article = ArticleFactory(section=section, authors=authors, tags=["sanctions"])
    urls = feed_urls(article)[kind]
    for url in urls:
        client.get(url)  # the first request makes and stores the image renditions
        with django_assert_num_queries(queries):
            client.get(url)
    grow(30)
    for url in urls:
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200


class TestPagesAdvertiseFeeds:
    def link(self, feed_type, title, url):
        return (
            f'<link rel="alternate" type="application/{feed_type}+xml" title="{title}" '
            f'href="{url}">'
        )

    def assert_site_feeds(self, response):
        assertContains(
            response, self.link("rss", "The Newsroom", reverse("articles:feed_rss")), html=True
        )
        assertContains(
            response,
            self.link("atom", "The Newsroom (Atom)", reverse("articles:feed_atom")),
            html=True,
        )

    def test_news_feed_page_advertises_the_site_feeds(self, client):
        self.assert_site_feeds(client.get(reverse("frontpage:front")))

    def test_section_tag_and_author_pages_advertise_their_own_feeds_too(self, client, story):
        author = story.byline[0]
        pages = [
            (story.section.get_absolute_url(), "section", story.section.slug, "Europe"),
            (reverse("articles:tag", args=["sanctions"]), "tag", "sanctions", "sanctions"),
            (author.get_absolute_url(), "author", author.slug, author.name),
        ]
        for page_url, kind, slug, name in pages:
            response = client.get(page_url)
            self.assert_site_feeds(response)
            rss = reverse(f"articles:{kind}_feed_rss", args=[slug])
            atom = reverse(f"articles:{kind}_feed_atom", args=[slug])
            title = f"{name} — The Newsroom"
            assertContains(response, self.link("rss", title, rss), html=True)
            assertContains(response, self.link("atom", f"{title} (Atom)", atom), html=True)


def test_the_atom_feeds_own_id_does_not_change_with_the_host_a_reader_used(client, settings, story):
    settings.SITE_URL = ""
    section_feed = reverse("articles:section_feed_atom", args=[story.section.slug])
    for url, list_path in ((reverse("articles:feed_atom"), "/"), (section_feed, None)):
        ids = {
            parse(client.get(url, headers={"host": host})).findtext("atom:id", namespaces=NS)
            for host in ("localhost", "127.0.0.1")
        }
        (feed_id,) = ids
        list_path = list_path or story.section.get_absolute_url()
        assert feed_id == f"tag:localhost,2025-01-01:feed{list_path}"
