import datetime
from xml.etree import ElementTree

import pytest
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse
from django.utils import timezone

from articles import sitemaps
from articles.sitemaps import ArticleSitemap
from articles.tests.factories import ArticleFactory, SectionFactory, hidden_articles
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
ORIGIN = "http://testserver"
SECTIONS = ("articles", "sections", "tags", "authors")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def section_url(section, page=None):
    url = reverse("articles:sitemap_section", kwargs={"section": section})
    return f"{url}?p={page}" if page else url


def locations(response):
    return [loc.text for loc in parse(response).iterfind("sm:url/sm:loc", NS)]


def all_sitemap_locations(client):
    return [loc for section in SECTIONS for loc in locations(client.get(section_url(section)))]


def hour_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


class TestIndex:
    def test_lists_each_sitemap_with_an_absolute_location_and_lastmod(self, client):
        ArticleFactory(authors=[AuthorFactory()], tags=["energy"])

        index = parse(client.get(reverse("articles:sitemap")))

        assert index.tag == f"{{{NS['sm']}}}sitemapindex"
        entries = index.findall("sm:sitemap", NS)
        assert [entry.findtext("sm:loc", namespaces=NS) for entry in entries] == [
            f"{ORIGIN}{section_url(section)}" for section in SECTIONS
        ]
        assert all(entry.findtext("sm:lastmod", namespaces=NS) for entry in entries)

    def test_lists_every_page_of_a_long_sitemap(self, client, monkeypatch):
        monkeypatch.setattr(ArticleSitemap, "limit", 2)
        for _ in range(5):
            ArticleFactory()

        index = parse(client.get(reverse("articles:sitemap")))
        listed = [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", NS)]

        assert [f"{ORIGIN}{section_url('articles', page)}" for page in (2, 3)] == [
            loc for loc in listed if "articles" in loc and "?p=" in loc
        ]
        pages = [locations(client.get(section_url("articles", page))) for page in (1, 2, 3)]
        assert [len(page) for page in pages] == [2, 2, 1]
        assert client.get(section_url("articles", 4)).status_code == 404

    def test_pages_are_ranges_of_ids_that_list_every_visible_story_once(self, client, monkeypatch):
        monkeypatch.setattr(ArticleSitemap, "limit", 2)
        visible = [ArticleFactory() for _ in range(2)]
        hidden = hidden_articles()
        visible += [ArticleFactory() for _ in range(3)]
        assert max(article.pk for article in hidden) < visible[2].pk

        index = parse(client.get(reverse("articles:sitemap")))
        pages = len(
            [loc for loc in index.iterfind("sm:sitemap/sm:loc", NS) if "articles" in loc.text]
        )
        listed = [
            locations(client.get(section_url("articles", page))) for page in range(1, pages + 1)
        ]

        assert all(len(page) <= 2 for page in listed)
        assert sorted(loc for page in listed for loc in page) == sorted(
            f"{ORIGIN}{article.get_absolute_url()}" for article in visible
        )
        assert client.get(section_url("articles", pages + 1)).status_code == 404
        assert client.get(section_url("articles", "x")).status_code == 404

    def test_is_written_as_djangos_own_index_template_writes_it(self, client, rf, monkeypatch):
        monkeypatch.setattr(ArticleSitemap, "limit", 2)
        for _ in range(5):
            ArticleFactory(authors=[AuthorFactory()], tags=["energy"])

        response = client.get(reverse("articles:sitemap"))
        django_index = sitemap_views.index(
            rf.get(reverse("articles:sitemap")),
            sitemaps.SITEMAPS,
            sitemap_url_name="articles:sitemap_section",
        ).render()

        assert response.content == django_index.content
        assert response.content.count(b"<lastmod>") == len(SECTIONS) + 2
        for header in ("Content-Type", "Last-Modified", "X-Robots-Tag"):
            assert response[header] == django_index[header]

    def test_unknown_sitemap_answers_404(self, client):
        assert client.get(section_url("drafts")).status_code == 404


class TestSitemaps:
    def test_articles_have_absolute_locations_and_lastmod_from_their_last_revision(self, client):
        untouched = ArticleFactory(published_at=hour_ago(24 * 10))
        revised = ArticleFactory(published_at=hour_ago(24 * 20))
        revised.revised_at = hour_ago(24 * 3)
        revised.save(update_fields=["revised_at"])

        urlset = parse(client.get(section_url("articles")))
        lastmods = {
            url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
            for url in urlset.iterfind("sm:url", NS)
        }

        # The time too, with the newsroom's UTC offset: W3C Datetime, as sitemaps.org asks.
        local_time = lambda moment: timezone.localtime(moment).isoformat()  # noqa: E731
        assert lastmods == {
            f"{ORIGIN}{revised.get_absolute_url()}": local_time(revised.revised_at),
            f"{ORIGIN}{untouched.get_absolute_url()}": local_time(untouched.published_at),
        }

    def test_sections_tags_and_authors_are_listed_with_a_published_article(self, client):
        author = AuthorFactory()
        article = ArticleFactory(authors=[author], tags=["energy", "war"])
        lonely_section = SectionFactory()  # nothing published in it yet
        AuthorFactory()  # has written nothing

        assert locations(client.get(section_url("sections"))) == [
            f"{ORIGIN}{article.section.get_absolute_url()}"
        ]
        assert (
            lonely_section.get_absolute_url()
            not in client.get(section_url("sections")).content.decode()
        )
        assert locations(client.get(section_url("tags"))) == [
            f"{ORIGIN}{reverse('articles:tag', args=[slug])}" for slug in ("energy", "war")
        ]
        assert locations(client.get(section_url("authors"))) == [
            f"{ORIGIN}{author.get_absolute_url()}"
        ]

    def test_no_sitemap_reveals_hidden_articles_or_what_only_they_touch(self, client):
        visible = ArticleFactory()
        secret_section = SectionFactory(slug="secret-desk")
        secret_author = AuthorFactory(slug="secret-author")
        hidden = hidden_articles(
            section=secret_section, tags=["secret-topic"], authors=[secret_author]
        )
        # A visible article's own section, tags and author do not make hidden articles visible.
        hidden_articles(section=visible.section)

        listed = all_sitemap_locations(client)
        listed += [
            loc.text
            for loc in parse(client.get(reverse("articles:news_sitemap"))).iterfind(
                "sm:url/sm:loc", NS
            )
        ]

        assert f"{ORIGIN}{visible.get_absolute_url()}" in listed
        for article in hidden:
            assert not any(article.slug in loc for loc in listed)
        for secret in ("secret-desk", "secret-topic", "secret-author"):
            assert not any(secret in loc for loc in listed)

    def test_canonical_origin_setting_is_used_for_every_location(self, client, settings):
        settings.SITE_URL = "https://news.example.org"
        ArticleFactory(authors=[AuthorFactory()], tags=["energy"])

        index = parse(client.get(reverse("articles:sitemap")))
        listed = [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", NS)]
        listed += all_sitemap_locations(client)
        news = parse(client.get(reverse("articles:news_sitemap")))
        listed += [loc.text for loc in news.iterfind("sm:url/sm:loc", NS)]

        assert len(listed) == 4 + 4 + 1
        assert all(loc.startswith("https://news.example.org/") for loc in listed)

    @pytest.mark.parametrize("section", SECTIONS)
    def test_query_count_stays_flat_as_the_sitemap_grows(
        self, client, django_assert_num_queries, section
    ):
        def grow(count):
            for _ in range(count):
                ArticleFactory(
                    section=SectionFactory(), authors=[AuthorFactory()], tags=[f"t{_}", "all"]
                )

        # Articles and tags: the first and last ids, then the page of them; a short listing
        # (sections, authors) is read once. The articles' page then reads the published
        # versions of its stories, for their hreflang links, in one more.
        queries = {"articles": 3, "tags": 2}.get(section, 1)
        grow(2)
        with django_assert_num_queries(queries):
            client.get(section_url(section))
        grow(20)
        with django_assert_num_queries(queries):
            response = client.get(section_url(section))
        assert len(locations(response)) > 20

    def test_index_query_count_stays_flat(self, client, django_assert_num_queries):
        ArticleFactory(authors=[AuthorFactory()], tags=["energy"])
        # Articles and tags: latest change and first and last ids; each listing is read once.
        with django_assert_num_queries(6):
            client.get(reverse("articles:sitemap"))
        for _ in range(20):
            ArticleFactory(authors=[AuthorFactory()], tags=["energy"])
        with django_assert_num_queries(6):
            client.get(reverse("articles:sitemap"))


class TestNewsSitemap:
    def news_entries(self, client, path=None):
        urlset = parse(client.get(path or reverse("articles:news_sitemap")))
        return urlset.findall("sm:url", NS)

    def test_lists_stories_of_the_last_two_days_newest_first(self, client):
        older = ArticleFactory(published_at=hour_ago(47))
        newest = ArticleFactory(published_at=hour_ago(1))
        ArticleFactory(published_at=hour_ago(49))
        hidden_articles()

        entries = self.news_entries(client)

        assert [entry.findtext("sm:loc", namespaces=NS) for entry in entries] == [
            f"{ORIGIN}{newest.get_absolute_url()}",
            f"{ORIGIN}{older.get_absolute_url()}",
        ]

    def test_entry_names_the_publication_the_storys_language_date_and_title(self, client, settings):
        settings.SITE_NAME = "The Kyiv Desk"
        article = ArticleFactory(headline="Talks & sanctions: what <comes> next", language="uk")

        (entry,) = self.news_entries(client, "/uk/news-sitemap.xml")
        news = entry.find("news:news", NS)

        assert news.findtext("news:publication/news:name", namespaces=NS) == "The Kyiv Desk"
        assert news.findtext("news:publication/news:language", namespaces=NS) == "uk"
        assert news.findtext("news:title", namespaces=NS) == article.headline
        published = news.findtext("news:publication_date", namespaces=NS)
        moment = datetime.datetime.fromisoformat(published)
        assert moment.tzinfo is not None
        assert moment == article.published_at.replace(microsecond=0)

    def test_caps_the_number_of_stories_keeping_the_newest(self, client, monkeypatch):
        monkeypatch.setattr(sitemaps, "NEWS_SITEMAP_LIMIT", 3)
        articles = [ArticleFactory() for _ in range(5)]  # each older than the one before

        entries = self.news_entries(client)

        assert [entry.findtext("sm:loc", namespaces=NS) for entry in entries] == [
            f"{ORIGIN}{article.get_absolute_url()}" for article in articles[:3]
        ]

    def test_query_count_stays_flat(self, client, django_assert_num_queries):
        ArticleFactory()
        with django_assert_num_queries(1):
            client.get(reverse("articles:news_sitemap"))
        for _ in range(20):
            ArticleFactory(authors=[AuthorFactory()], tags=["energy"])
        with django_assert_num_queries(1):
            assert len(self.news_entries(client)) == 21


class TestRobots:
    def robots_lines(self, client):
        response = client.get(reverse("website:robots"))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        return response.content.decode().splitlines()

    def test_names_each_editions_sitemaps_and_keeps_crawlers_out_of_the_desk_and_search(
        self, client
    ):
        lines = self.robots_lines(client)

        assert lines[:5] == [
            "User-agent: *",
            f"Disallow: {reverse('admin:index')}",
            "Disallow: /search/",
            "Disallow: /uk/search/",
            "Allow: /",
        ]
        assert [line for line in lines if line.startswith("Sitemap:")] == [
            f"Sitemap: {ORIGIN}/sitemap.xml",
            f"Sitemap: {ORIGIN}/news-sitemap.xml",
            f"Sitemap: {ORIGIN}/uk/sitemap.xml",
            f"Sitemap: {ORIGIN}/uk/news-sitemap.xml",
        ]

    def test_a_one_language_site_names_its_two_sitemaps_only(self, client, settings):
        settings.LANGUAGES, settings.LANGUAGE_CODE = [("en", "English")], "en"
        lines = self.robots_lines(client)
        assert "Disallow: /uk/search/" not in lines
        assert [line for line in lines if line.startswith("Sitemap:")] == [
            f"Sitemap: {ORIGIN}/sitemap.xml",
            f"Sitemap: {ORIGIN}/news-sitemap.xml",
        ]

    def test_sitemaps_are_named_on_the_canonical_origin(self, client, settings):
        settings.SITE_URL = "https://news.example.org"
        sitemap_lines = [line for line in self.robots_lines(client) if line.startswith("Sitemap:")]
        assert sitemap_lines == [
            "Sitemap: https://news.example.org/sitemap.xml",
            "Sitemap: https://news.example.org/news-sitemap.xml",
            "Sitemap: https://news.example.org/uk/sitemap.xml",
            "Sitemap: https://news.example.org/uk/news-sitemap.xml",
        ]
