"""Readers' pages in two editions (the test settings run en, the default, and uk under /uk/):
each edition lists its own stories with its own names, a story lives at its own edition's
address, and pages name their published versions in the other edition, never another."""

import json
import re

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Correction, RelatedArticle, SectionName, TagName
from articles.tests.factories import ArticleFactory, SectionFactory, draft
from authors.models import AuthorText
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def translation_of(story, **kwargs):
    """The story's Ukrainian translation, published unless told otherwise."""
    return ArticleFactory(
        language="uk",
        translation_key=story.translation_key,
        section=story.section,
        **kwargs,
    )


def listed(response):
    top = [response.context.get("lead"), *response.context.get("top_stories", [])]
    items = [*top, *response.context["page"].items]
    return [article.headline for article in items if article]


def html_lang(response):
    return re.search(r'<html lang="([^"]+)">', response.content.decode()).group(1)


def hreflangs(response):
    head = response.content.decode().split("</head>")[0]
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))


def switcher(response):
    found = re.search(
        r'<nav class="edition-switcher"[^>]*><ul>(.*?)</ul></nav>', response.content.decode()
    )
    return found and dict(
        (lang, href) for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', found[1])
    )


def news_article(response):
    for found in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    ):
        data = json.loads(found)
        if data.get("@type") in ("NewsArticle", "LiveBlogPosting"):
            return data
    raise AssertionError("no NewsArticle on the page")


class TestListsPerEdition:
    def test_each_front_page_lists_only_its_editions_stories(self, client):
        ArticleFactory(headline="Ferries cross again")
        ArticleFactory(headline="Пороми знову ходять", language="uk")

        english, ukrainian = client.get("/"), client.get("/uk/")

        assert (english.status_code, ukrainian.status_code) == (200, 200)
        assert listed(english) == ["Ferries cross again"]
        assert listed(ukrainian) == ["Пороми знову ходять"]
        assert (html_lang(english), html_lang(ukrainian)) == ("en", "uk")

    def test_section_tag_and_author_pages_list_their_editions_stories(self, client):
        world = SectionFactory(name="World", slug="world")
        author = AuthorFactory(slug="olena")
        ArticleFactory(headline="In English", section=world, tags=["ports"], authors=[author])
        ArticleFactory(
            headline="Українською", section=world, tags=["ports"], authors=[author], language="uk"
        )

        for path in ("/sections/world/", "/tags/ports/", "/authors/olena/"):
            assert listed(client.get(path)) == ["In English"], path
            assert listed(client.get(f"/uk{path}")) == ["Українською"], path

    def test_a_section_with_stories_only_in_one_edition_is_missing_in_the_other(self, client):
        sport = SectionFactory(name="Sport", slug="sport")
        ArticleFactory(section=sport)
        draft(section=sport, language="uk")

        assert client.get("/sections/sport/").status_code == 200
        assert client.get("/uk/sections/sport/").status_code == 404

    def test_the_menu_offers_a_section_in_an_edition_once_it_has_a_story_there(self, client):
        world = SectionFactory(name="World", slug="world")
        SectionName.objects.create(section=world, language="uk", name="Світ")
        ArticleFactory(section=world)

        def menu(path):
            return [
                section.shown_name for section in client.get(path).context["navigation_sections"]
            ]

        assert menu("/") == ["World"]
        assert menu("/uk/") == []
        ArticleFactory(section=world, language="uk")
        assert menu("/") == ["World"]
        assert menu("/uk/") == ["Світ"]
        page = client.get("/uk/").content.decode()
        assert '<a href="/uk/sections/world/">Світ</a>' in page

    def test_names_and_texts_are_the_editions(self, client):
        world = SectionFactory(name="World", slug="world")
        SectionName.objects.create(
            section=world, language="uk", name="Світ", description="Новини світу."
        )
        author = AuthorFactory(slug="olena", role="Reporter", bio="Covers the south.")
        AuthorText.objects.create(
            author=author, language="uk", role="Репортерка", bio="Пише з півдня."
        )
        ArticleFactory(section=world, tags=["ports"], authors=[author], language="uk")
        ArticleFactory(section=world, tags=["ports"], authors=[author])
        TagName.objects.create(tag=Tag.objects.get(slug="ports"), language="uk", name="Порти")

        section = client.get("/uk/sections/world/").content.decode()
        assert '<h1 class="page-title">Світ</h1>' in section
        assert "Новини світу." in section
        assert '<a class="section-label" href="/uk/sections/world/">Світ</a>' in section
        assert '<h1 class="page-title">Порти</h1>' in client.get("/uk/tags/ports/").content.decode()
        profile = client.get("/uk/authors/olena/").content.decode()
        assert "Репортерка" in profile and "Пише з півдня." in profile
        english = client.get("/authors/olena/").content.decode()
        assert "Covers the south." in english and "Репортерка" not in english
        assert (
            '<h1 class="page-title">World</h1>' in client.get("/sections/world/").content.decode()
        )

    def test_a_ukrainian_list_costs_one_query_more_than_an_english_one(
        self, client, django_assert_num_queries
    ):
        """The section names its cards show, fetched once for the page."""
        world = SectionFactory(slug="world")
        for _ in range(5):
            ArticleFactory(section=world)
            ArticleFactory(section=world, language="uk")
        client.get("/sections/world/")
        client.get("/uk/sections/world/")
        with django_assert_num_queries(6) as english:
            client.get("/sections/world/")
        with django_assert_num_queries(len(english.captured_queries) + 1):
            client.get("/uk/sections/world/")


class TestTheArticlePage:
    def test_under_the_other_editions_prefix_it_answers_301_to_its_own_address(self, client):
        story = ArticleFactory(slug="ferries-cross")
        ukrainian = translation_of(story, slug="poromy")

        wrong_prefix = client.get("/uk/news/ferries-cross/")
        no_prefix = client.get("/news/poromy/")

        assert (wrong_prefix.status_code, wrong_prefix["Location"]) == (301, "/news/ferries-cross/")
        assert (no_prefix.status_code, no_prefix["Location"]) == (301, "/uk/news/poromy/")
        assert ukrainian.get_absolute_url() == "/uk/news/poromy/"
        page = client.get("/uk/news/poromy/")
        assert page.status_code == 200 and html_lang(page) == "uk"

    def test_an_old_slug_redirects_and_a_withdrawn_story_is_gone_in_its_language(self, client):
        story = ArticleFactory(slug="poromy-old", language="uk")
        story.slug = "poromy"
        story.save()
        gone = ArticleFactory(slug="znyato", language="uk")
        Article.objects.filter(pk=gone.pk).update(status="draft", withdrawn_at=timezone.now())

        assert client.get("/uk/news/poromy-old/")["Location"] == "/uk/news/poromy/"
        assert client.get("/news/poromy-old/")["Location"] == "/uk/news/poromy/"
        withdrawn = client.get("/news/znyato/")
        assert withdrawn.status_code == 410 and html_lang(withdrawn) == "uk"

    def test_an_unknown_edition_and_a_missing_page_answer_404_in_the_editions_language(
        self, client
    ):
        assert client.get("/xx/news/anything/").status_code == 404
        missing = client.get("/uk/news/nothing-here/")
        assert missing.status_code == 404 and html_lang(missing) == "uk"

    def test_the_switcher_and_hreflang_name_the_published_translation_both_ways(self, client):
        story = ArticleFactory(slug="ferries-cross")
        translation_of(story, slug="poromy")

        english, ukrainian = client.get("/news/ferries-cross/"), client.get("/uk/news/poromy/")

        assert switcher(english) == {"uk": "/uk/news/poromy/"}
        assert switcher(ukrainian) == {"en": "/news/ferries-cross/"}
        # Phones find the same link at the end of the sections' menu.
        assert (
            '<li class="site-nav__edition"><a href="/uk/news/poromy/" hreflang="uk" lang="uk">'
            "Українська</a></li>" in english.content.decode()
        )
        both = {
            "en": f"{ORIGIN}/news/ferries-cross/",
            "uk": f"{ORIGIN}/uk/news/poromy/",
            "x-default": f"{ORIGIN}/news/ferries-cross/",
        }
        # Reciprocal: each names the other, and the same default.
        assert hreflangs(english) == hreflangs(ukrainian) == both

    def test_an_unpublished_translation_is_never_named(self, client):
        story = ArticleFactory(slug="ferries-cross")
        translation_of(story, slug="poromy", status=Article.Status.DRAFT, published_at=None)

        page = client.get("/news/ferries-cross/")

        assert switcher(page) == {"uk": "/uk/"}
        assert hreflangs(page) == {
            "en": f"{ORIGIN}/news/ferries-cross/",
            "x-default": f"{ORIGIN}/news/ferries-cross/",
        }
        assert "poromy" not in page.content.decode()
        assert "workTranslation" not in news_article(page)

    def test_a_story_only_in_ukrainian_is_its_own_default(self, client):
        ArticleFactory(slug="tilky", language="uk")
        page = client.get("/uk/news/tilky/")
        assert hreflangs(page) == {
            "uk": f"{ORIGIN}/uk/news/tilky/",
            "x-default": f"{ORIGIN}/uk/news/tilky/",
        }
        assert switcher(page) == {"en": "/"}

    def test_json_ld_says_the_language_and_links_original_and_translation(self, client):
        story = ArticleFactory(slug="ferries-cross")
        translation_of(story, slug="poromy")

        original = news_article(client.get("/news/ferries-cross/"))
        translated = news_article(client.get("/uk/news/poromy/"))

        assert original["inLanguage"] == "en" and translated["inLanguage"] == "uk"
        assert [work["url"] for work in original["workTranslation"]] == [
            f"{ORIGIN}/uk/news/poromy/"
        ]
        assert translated["translationOfWork"]["url"] == f"{ORIGIN}/news/ferries-cross/"
        assert "translationOfWork" not in original and "workTranslation" not in translated

    def test_json_ld_names_section_and_keywords_in_the_storys_language(self, client):
        story = ArticleFactory(slug="ferries-cross", tags=["ports"])
        translation = translation_of(story, slug="poromy", tags=["ports"])
        SectionName.objects.create(section=story.section, language="uk", name="Україна")
        TagName.objects.create(tag=translation.tags.get(), language="uk", name="порти")

        original = news_article(client.get("/news/ferries-cross/"))
        translated = news_article(client.get("/uk/news/poromy/"))

        assert (original["articleSection"], original["keywords"]) == (story.section.name, ["ports"])
        assert (translated["articleSection"], translated["keywords"]) == ("Україна", ["порти"])

    def test_read_more_offers_only_the_same_editions_stories(self, client):
        story = ArticleFactory(slug="ferries-cross", tags=["ports"])
        ArticleFactory(headline="More on the ports", tags=["ports"])
        pick = ArticleFactory(headline="Про порти", tags=["ports"], language="uk")
        RelatedArticle.objects.create(from_article=story, to_article=pick, position=0)

        page = client.get("/news/ferries-cross/")

        read_more = page.context["read_more"]
        shown = [*([read_more.inline] if read_more.inline else []), *read_more.listed]
        assert [related.headline for related in shown] == ["More on the ports"]

    def test_a_preview_shows_the_story_in_its_edition(self, client, editor):
        story = draft(slug="chernetka", language="uk")
        client.force_login(editor)
        page = client.get(f"/preview/article/{story.pk}/")
        assert page.status_code == 200 and html_lang(page) == "uk"
        assert hreflangs(page) == {}


class TestOtherPages:
    def test_the_switcher_leads_to_the_same_page_where_the_other_edition_has_it(self, client):
        world = SectionFactory(slug="world")
        sport = SectionFactory(slug="sport")
        ArticleFactory(section=world)
        ArticleFactory(section=world, language="uk")
        ArticleFactory(section=sport)

        assert switcher(client.get("/")) == {"uk": "/uk/"}
        assert switcher(client.get("/uk/")) == {"en": "/"}
        assert switcher(client.get("/sections/world/")) == {"uk": "/uk/sections/world/"}
        assert switcher(client.get("/sections/sport/")) == {"uk": "/uk/"}
        assert switcher(client.get("/search/?q=ports")) == {"uk": "/uk/search/?q=ports"}
        assert switcher(client.get("/corrections/")) == {"uk": "/uk/corrections/"}
        assert hreflangs(client.get("/sections/sport/")) == {
            "en": f"{ORIGIN}/sections/sport/",
            "x-default": f"{ORIGIN}/sections/sport/",
        }
        assert hreflangs(client.get("/search/?q=ports")) == {}

    def test_the_corrections_page_lists_its_editions_notes(self, client):
        english = ArticleFactory(headline="Ferries cross")
        ukrainian = ArticleFactory(headline="Пороми", language="uk")
        Correction.objects.create(article=english, text="The ferry left at six.")
        Correction.objects.create(article=ukrainian, text="Пором вийшов о шостій.")

        assert "The ferry left at six." in client.get("/corrections/").content.decode()
        assert "Пором вийшов" not in client.get("/corrections/").content.decode()
        assert "Пором вийшов о шостій." in client.get("/uk/corrections/").content.decode()
        assert "The ferry left" not in client.get("/uk/corrections/").content.decode()


def test_a_one_language_site_is_as_it_was(client, settings, django_assert_num_queries):
    """No switcher, no hreflang, no prefix, and not one query more."""
    settings.LANGUAGES, settings.LANGUAGE_CODE = [("en", "English")], "en"
    world = SectionFactory(slug="world")
    story = ArticleFactory(slug="ferries-cross", section=world, tags=["ports"])

    for path in ("/", "/news/ferries-cross/", "/sections/world/", "/tags/ports/"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert html_lang(page) == "en"
        assert switcher(page) is None and hreflangs(page) == {}, path
        assert '<nav class="edition-switcher"' not in page.content.decode()
        assert '<li class="site-nav__edition">' not in page.content.decode()
    assert client.get("/uk/").status_code == 404
    assert story.get_absolute_url() == "/news/ferries-cross/"
    assert "workTranslation" not in news_article(client.get("/news/ferries-cross/"))
    # The pins of today's pages on a one-language site.
    with django_assert_num_queries(5):
        client.get("/sections/world/")
