"""Each edition's sitemaps: its own stories and lists, and hreflang links to published versions."""

import datetime
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.publishing import unpublish_article
from articles.tests.factories import (
    ArticleFactory,
    SectionFactory,
    draft,
    hidden_articles,
    scheduled,
)
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
ORIGIN = "http://testserver"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def locations(response):
    return [loc.text for loc in parse(response).iterfind("sm:url/sm:loc", NS)]


def hreflang_links(response):
    """``{location: {hreflang: href}}`` of every URL of a sitemap."""
    return {
        url.findtext("sm:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.iterfind("xhtml:link", NS)
        }
        for url in parse(response).iterfind("sm:url", NS)
    }


def ago(**elapsed):
    return timezone.now() - datetime.timedelta(**elapsed)


@pytest.fixture
def story():
    """A story in English and its Ukrainian translation, with its section, tag and writer."""
    section = SectionFactory(name="Economy", slug="economy")
    writer = AuthorFactory(name="Iryna Kravets", slug="iryna-kravets")
    english = ArticleFactory(
        slug="grain-deal-signed", section=section, authors=[writer], tags=["grain"]
    )
    ukrainian = ArticleFactory(
        slug="zernovu-uhodu-pidpysano",
        language="uk",
        translation_key=english.translation_key,
        section=section,
        authors=[writer],
        tags=["grain"],
    )
    return english, ukrainian


EN = f"{ORIGIN}/news/grain-deal-signed/"
UK = f"{ORIGIN}/uk/news/zernovu-uhodu-pidpysano/"


class TestIndex:
    def test_each_edition_has_its_index_of_its_own_sitemaps(self, client, story):
        english = parse(client.get("/sitemap.xml")).iterfind("sm:sitemap/sm:loc", NS)
        ukrainian = parse(client.get("/uk/sitemap.xml")).iterfind("sm:sitemap/sm:loc", NS)

        sitemaps = ("articles", "sections", "tags", "authors")
        assert [loc.text for loc in english] == [
            f"{ORIGIN}/sitemap-{name}.xml" for name in sitemaps
        ]
        assert [loc.text for loc in ukrainian] == [
            f"{ORIGIN}/uk/sitemap-{name}.xml" for name in sitemaps
        ]

    def test_lastmod_is_the_editions_own(self, client):
        english = ArticleFactory(published_at=ago(days=3))
        ukrainian = ArticleFactory(language="uk", published_at=ago(hours=2))

        for path, story in (("/sitemap.xml", english), ("/uk/sitemap.xml", ukrainian)):
            index = parse(client.get(path))
            (articles,) = [
                entry
                for entry in index.iterfind("sm:sitemap", NS)
                if entry.findtext("sm:loc", namespaces=NS).endswith("sitemap-articles.xml")
            ]
            lastmod = articles.findtext("sm:lastmod", namespaces=NS)
            assert datetime.datetime.fromisoformat(lastmod) == story.published_at, path

    def test_an_unknown_edition_has_no_sitemaps(self, client, story):
        for path in ("/xx/sitemap.xml", "/xx/sitemap-articles.xml", "/xx/news-sitemap.xml"):
            assert client.get(path).status_code == 404, path


class TestEachEditionsLists:
    def test_stories_are_listed_in_their_own_editions_sitemap_only(self, client, story):
        only_ukrainian = ArticleFactory(slug="port-odesy", language="uk")
        hidden_articles(language="uk")

        assert locations(client.get("/sitemap-articles.xml")) == [EN]
        assert sorted(locations(client.get("/uk/sitemap-articles.xml"))) == sorted(
            [UK, f"{ORIGIN}{only_ukrainian.get_absolute_url()}"]
        )

    def test_sections_tags_and_authors_are_listed_where_they_have_a_published_story(
        self, client, story
    ):
        section = SectionFactory(slug="defence")
        author = AuthorFactory(slug="taras-bondarenko")
        ArticleFactory(section=section, authors=[author], tags=["war"])
        # Drafts, reviews and scheduled stories in Ukrainian list none of them there.
        hidden_articles(language="uk", section=section, authors=[author], tags=["war"])

        for name, english, ukrainian in (
            ("sections", ["economy", "defence"], ["economy"]),
            ("tags", ["grain", "war"], ["grain"]),
            ("authors", ["iryna-kravets", "taras-bondarenko"], ["iryna-kravets"]),
        ):
            listed = {
                "": locations(client.get(f"/sitemap-{name}.xml")),
                "/uk": locations(client.get(f"/uk/sitemap-{name}.xml")),
            }
            assert sorted(listed[""]) == sorted(f"{ORIGIN}/{name}/{slug}/" for slug in english), (
                name
            )
            assert listed["/uk"] == [f"{ORIGIN}/uk/{name}/{slug}/" for slug in ukrainian], name

    def test_a_lists_lastmod_is_its_newest_story_in_the_edition(self, client):
        section = SectionFactory(slug="economy")
        ArticleFactory(section=section, published_at=ago(hours=1))
        ukrainian = ArticleFactory(language="uk", section=section, published_at=ago(days=2))

        urlset = parse(client.get("/uk/sitemap-sections.xml"))

        lastmod = urlset.findtext("sm:url/sm:lastmod", namespaces=NS)
        assert datetime.datetime.fromisoformat(lastmod) == ukrainian.published_at


class TestHreflang:
    def test_a_story_names_itself_its_translation_and_the_default_version(self, client, story):
        expected = {"en": EN, "uk": UK, "x-default": EN}

        assert hreflang_links(client.get("/sitemap-articles.xml")) == {EN: expected}
        ukrainian = client.get("/uk/sitemap-articles.xml")
        assert hreflang_links(ukrainian) == {UK: expected}
        # In the editions' order whichever edition's sitemap names them.
        order = [link.get("hreflang") for link in parse(ukrainian).iterfind(".//xhtml:link", NS)]
        assert order == ["en", "uk", "x-default"]

    def test_a_story_without_a_published_default_version_is_its_own_default(self, client):
        only_ukrainian = ArticleFactory(slug="port-odesy", language="uk")
        draft(language="en", translation_key=only_ukrainian.translation_key)

        own = f"{ORIGIN}/uk/news/port-odesy/"
        assert hreflang_links(client.get("/uk/sitemap-articles.xml")) == {
            own: {"uk": own, "x-default": own}
        }

    def test_never_a_link_to_a_translation_readers_cannot_see(self, client):
        english = ArticleFactory(slug="grain-deal-signed")
        scheduled(language="uk", slug="coming-later", translation_key=english.translation_key)

        links = hreflang_links(client.get("/sitemap-articles.xml"))

        assert links == {EN: {"en": EN, "x-default": EN}}
        assert "coming-later" not in client.get("/sitemap-articles.xml").content.decode()

    def test_a_withdrawn_translation_loses_its_link(self, client, story, editor):
        english, ukrainian = story
        unpublish_article(article=ukrainian, editor=editor)

        assert hreflang_links(client.get("/sitemap-articles.xml")) == {
            EN: {"en": EN, "x-default": EN}
        }
        assert locations(client.get("/uk/sitemap-articles.xml")) == []

    def test_the_links_of_a_page_are_read_in_one_query(self, client, django_assert_num_queries):
        def grow(count):
            for _ in range(count):
                english = ArticleFactory()
                ArticleFactory(language="uk", translation_key=english.translation_key)

        grow(2)
        # The first and last ids, the page, the published versions of its stories.
        with django_assert_num_queries(3):
            client.get("/uk/sitemap-articles.xml")
        grow(20)
        with django_assert_num_queries(3):
            links = hreflang_links(client.get("/uk/sitemap-articles.xml"))
        assert len(links) == 22
        assert all(set(story) == {"en", "uk", "x-default"} for story in links.values())

    def test_a_one_language_site_writes_no_links_and_reads_none(
        self, client, settings, django_assert_num_queries
    ):
        settings.LANGUAGES = [("en", "English")]
        ArticleFactory(slug="grain-deal-signed")

        with django_assert_num_queries(2):
            response = client.get("/sitemap-articles.xml")

        assert hreflang_links(response) == {EN: {}}
        assert b"xhtml:link" not in response.content
        assert b"xhtml:link" not in client.get("/sitemap-sections.xml").content


class TestListsInBothEditions:
    def test_a_list_with_stories_in_both_editions_names_both_pages(self, client, story):
        lists = (("sections", "economy"), ("tags", "grain"), ("authors", "iryna-kravets"))
        for name, slug in lists:
            english = f"{ORIGIN}/{name}/{slug}/"
            ukrainian = f"{ORIGIN}/uk/{name}/{slug}/"
            expected = {"en": english, "uk": ukrainian, "x-default": english}

            assert hreflang_links(client.get(f"/sitemap-{name}.xml")) == {english: expected}
            assert hreflang_links(client.get(f"/uk/sitemap-{name}.xml")) == {ukrainian: expected}

    def test_a_list_with_only_hidden_stories_in_the_other_edition_names_only_itself(self, client):
        section = SectionFactory(slug="defence")
        author = AuthorFactory(slug="taras-bondarenko")
        ArticleFactory(section=section, authors=[author], tags=["war"])
        hidden_articles(language="uk", section=section, authors=[author], tags=["war"])

        lists = (("sections", "defence"), ("tags", "war"), ("authors", "taras-bondarenko"))
        for name, slug in lists:
            own = f"{ORIGIN}/{name}/{slug}/"
            assert hreflang_links(client.get(f"/sitemap-{name}.xml")) == {
                own: {"en": own, "x-default": own}
            }

    def test_a_list_only_in_another_edition_is_its_own_default(self, client):
        ArticleFactory(language="uk", section=SectionFactory(slug="culture"))

        own = f"{ORIGIN}/uk/sections/culture/"
        assert hreflang_links(client.get("/uk/sitemap-sections.xml")) == {
            own: {"uk": own, "x-default": own}
        }
        assert locations(client.get("/sitemap-sections.xml")) == []


class TestNewsSitemap:
    def test_each_edition_lists_its_own_stories_each_in_its_own_language(self, client, story):
        for path, location, language in (
            ("/news-sitemap.xml", EN, "en"),
            ("/uk/news-sitemap.xml", UK, "uk"),
        ):
            urlset = parse(client.get(path))
            (entry,) = urlset.findall("sm:url", NS)
            assert entry.findtext("sm:loc", namespaces=NS) == location
            publication = "news:news/news:publication/news:language"
            assert entry.findtext(publication, namespaces=NS) == language
