"""Cached pages per edition: a change to a story drops its own edition's lists, and in the other
edition only the page of its translation, and only when that page's link to it changes."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import translation

from articles.models import Article, SectionName
from articles.publishing import publish_article
from articles.tests.factories import ArticleFactory, SectionFactory, draft
from articles.tests.test_preview import make_link
from delivery.keys import add_keys, declared_keys, edition_key, edition_keys, every_edition

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
GOES_LIVE = NOW + datetime.timedelta(minutes=7)


def test_lists_have_a_key_per_edition_and_stories_one_of_their_own():
    assert edition_key("front", "en") == "front"
    assert edition_key("front", "uk") == "front-uk"
    assert edition_key("section-2", "uk") == "section-2-uk"
    assert edition_key("article-12", "uk") == "article-12"
    assert edition_key("image-5", "uk") == "image-5"
    assert edition_keys({"archive", "tag-7"}, "uk") == {"archive-uk", "tag-7-uk"}
    assert every_edition({"navigation"}) == {"navigation", "navigation-uk"}


def test_a_page_declares_its_own_edition_keys():
    request = RequestFactory().get("/uk/")
    with translation.override("uk"):
        add_keys(request, "front", "section-2", "article-12")
    assert declared_keys(request) >= {"front-uk", "section-2-uk", "article-12"}
    assert "front" not in declared_keys(request)


@pytest.fixture
def editions():
    """A section with an English story and its Ukrainian translation, both out."""
    section = SectionFactory(name="World", slug="world")
    SectionName.objects.create(section=section, language="uk", name="Світ")
    english = ArticleFactory(language="en", section=section, headline="Grain talks resume")
    ukrainian = ArticleFactory(
        language="uk",
        section=section,
        translation_key=english.translation_key,
        headline="Переговори про зерно відновилися",
    )
    return section, english, ukrainian


def english_pages(section, english):
    return ["/", section.get_absolute_url(), english.get_absolute_url(), "/search/?q=grain"]


def ukrainian_pages(section):
    with translation.override("uk"):
        section_url = section.get_absolute_url()
    return ["/uk/", section_url, "/uk/search/?q=зерно", "/uk/feeds/rss/"]


def warm(client, pages):
    for path in pages:
        client.get(path)
        assert client.get(path)["X-Cache"] == "hit", path


def test_publishing_in_one_edition_leaves_the_other_cached(
    client, page_cache, editor, editions, django_capture_on_commit_callbacks
):
    section, english, _ = editions
    story = draft(language="uk", section=section, headline="Нове зерно з Одеси")
    english_side = english_pages(section, english)
    ukrainian_side = ukrainian_pages(section)
    warm(client, english_side + ukrainian_side)
    with django_capture_on_commit_callbacks(execute=True):
        publish_article(article=Article.objects.get(pk=story.pk), editor=editor)
    for path in ukrainian_side:
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        assert "Нове зерно з Одеси" in response.content.decode(), path
    for path in english_side:
        assert client.get(path)["X-Cache"] == "hit", path


def test_editing_a_ukrainian_story_drops_its_pages_and_no_english_one(
    editions, invalidations, django_capture_on_commit_callbacks
):
    section, english, ukrainian = editions
    with invalidations() as change, django_capture_on_commit_callbacks(execute=True):
        story = Article.objects.get(pk=ukrainian.pk)
        story.body = "<p>Нові подробиці.</p>"
        story.save()
    candidates = [
        f"article-{ukrainian.pk}",
        f"article-{english.pk}",
        "archive-uk",
        "archive",
        "front",
        "front-uk",
    ]
    assert change.keys(*candidates) == {f"article-{ukrainian.pk}", "archive-uk"}


@pytest.mark.parametrize("change", ["withdraw", "new slug"])
def test_the_translation_page_changes_only_when_its_link_does(
    editions, invalidations, django_capture_on_commit_callbacks, change
):
    section, english, ukrainian = editions
    with invalidations() as bumped, django_capture_on_commit_callbacks(execute=True):
        story = Article.objects.get(pk=ukrainian.pk)
        if change == "withdraw":
            story.status = Article.Status.DRAFT
        else:
            story.slug = "pereghovory-pro-zerno"
        story.save()
    english_keys = [f"article-{english.pk}", "front", "archive", f"section-{section.pk}"]
    assert bumped.keys(*english_keys) == {f"article-{english.pk}"}
    if change == "withdraw":
        assert bumped.keys("front-uk", f"section-{section.pk}-uk") == {
            "front-uk",
            f"section-{section.pk}-uk",
        }


def test_a_section_name_in_one_edition_drops_that_edition_only(
    editions, invalidations, django_capture_on_commit_callbacks
):
    section, _, _ = editions
    with invalidations() as change, django_capture_on_commit_callbacks(execute=True):
        SectionName.objects.filter(section=section, language="uk").update(name="Світ")
        SectionName.objects.get(section=section, language="uk").save()
    assert change.keys(
        f"section-{section.pk}", f"section-{section.pk}-uk", "navigation", "navigation-uk"
    ) == {f"section-{section.pk}-uk", "navigation-uk"}


def test_a_scheduled_ukrainian_story_appears_on_warm_ukrainian_lists_at_its_time(
    client, page_cache, editor
):
    with time_machine.travel(NOW, tick=False):
        section = SectionFactory(name="World", slug="world")
        ArticleFactory(language="uk", section=section, headline="Вже вийшло про зерно")
        story = draft(language="uk", section=section, headline="Коридор для зерна відкрито")
        pages = ukrainian_pages(section)
        warm(client, pages)
        publish_article(article=Article.objects.get(pk=story.pk), editor=editor, at=GOES_LIVE)
        for path in pages:
            assert "Коридор для зерна відкрито" not in client.get(path).content.decode(), path
    with time_machine.travel(GOES_LIVE + datetime.timedelta(seconds=1), tick=False):
        for path in pages:
            response = client.get(path)
            assert "Коридор для зерна відкрито" in response.content.decode(), path


def lifetime(response):
    return int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])


def test_a_go_live_in_one_edition_ends_only_that_edition_pages(client, page_cache, editor):
    with time_machine.travel(NOW, tick=False):
        section = SectionFactory(name="World", slug="world")
        ArticleFactory(language="en", section=section, headline="Grain talks resume")
        ArticleFactory(language="uk", section=section, headline="Вже вийшло про зерно")
        story = draft(language="uk", section=section, headline="Коридор для зерна відкрито")
        publish_article(article=Article.objects.get(pk=story.pk), editor=editor, at=GOES_LIVE)
        assert lifetime(client.get("/uk/")) <= 7 * 60
        assert lifetime(client.get("/")) > 7 * 60
        assert lifetime(client.get(section.get_absolute_url())) > 7 * 60


def test_a_ukrainian_preview_is_never_cached(client, page_cache, editor):
    story = draft(language="uk", headline="Чернетка розслідування")
    client.force_login(editor)
    client.get(f"/uk/preview/article/{story.pk}/")
    link = make_link(client, story)
    client.logout()
    with translation.override("uk"):
        shared = link.get_absolute_url()
    assert shared.startswith("/uk/preview/")
    for path in (shared, f"/uk/preview/article/{story.pk}/"):
        client.get(path)
        assert "X-Cache" not in client.get(path), path
    assert "Чернетка розслідування" in client.get(shared).text
