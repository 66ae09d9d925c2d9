"""What every edition rests on: a story's language and translation key, and lists per edition."""

import importlib
import uuid

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation

from articles.models import Article, ArticleAuthor, TaggedArticle
from articles.tests.factories import ArticleFactory
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def test_a_story_lives_at_its_own_editions_address_whatever_page_links_it():
    english = ArticleFactory(slug="ferries-cross-again")
    ukrainian = ArticleFactory(
        slug="poromy-znovu", language="uk", translation_key=english.translation_key
    )
    assert english.get_absolute_url() == "/news/ferries-cross-again/"
    assert ukrainian.get_absolute_url() == "/uk/news/poromy-znovu/"
    with translation.override("uk"):
        assert english.get_absolute_url() == "/news/ferries-cross-again/"
        assert ukrainian.get_absolute_url() == "/uk/news/poromy-znovu/"


def test_two_translations_into_one_language_are_refused_by_the_database():
    english = ArticleFactory(slug="one")
    ArticleFactory(slug="odyn", language="uk", translation_key=english.translation_key)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="odyn-druhyi", language="uk", translation_key=english.translation_key)
    assert Article.objects.filter(translation_key=english.translation_key).count() == 2


def test_each_new_story_has_a_key_of_its_own():
    first, second = ArticleFactory(), ArticleFactory()
    assert first.translation_key != second.translation_key


def test_list_entries_carry_the_edition_and_follow_a_change_of_it():
    author = AuthorFactory()
    story = ArticleFactory(authors=[author], tags=["Energy"])
    assert ArticleAuthor.objects.get(article=story).language == "en"
    assert TaggedArticle.objects.get(content_object=story).language == "en"
    story.language = "uk"
    story.save()
    assert ArticleAuthor.objects.get(article=story).language == "uk"
    assert TaggedArticle.objects.get(content_object=story).language == "uk"


def test_an_author_list_holds_only_the_pages_edition():
    author = AuthorFactory()
    english = ArticleFactory(authors=[author])
    ukrainian = ArticleFactory(authors=[author], language="uk")
    listed = Article.objects.published().listed_under("bylines", author=author)
    assert list(listed) == [english]
    with translation.override("uk"):
        assert list(Article.objects.published().listed_under("bylines", author=author)) == [
            ukrainian
        ]
    assert list(Article.objects.published().in_edition("uk")) == [ukrainian]


def test_the_migration_gives_each_existing_story_a_key_of_its_own():
    # Before the migration's step every row has the one key AddField computed; the unique pair
    # allows that here only across languages.
    shared = uuid.uuid4()
    for language in ("en", "uk", "de"):
        ArticleFactory(language=language, translation_key=shared)
    migration = importlib.import_module("articles.migrations.0017_editions")
    migration.key_every_story(apps, None)
    keys = set(Article.objects.values_list("translation_key", flat=True))
    assert len(keys) == 3 and shared not in keys


def test_an_unknown_or_default_language_prefix_is_not_an_edition():
    client = Client()
    assert client.get("/xx/").status_code == 404
    # The default edition has no prefix: /en/ is no address of it.
    assert client.get("/en/").status_code == 404
    assert client.get("/uk/xx/").status_code == 404


def test_the_language_comes_from_the_address_alone_and_splits_no_cache():
    client = Client()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="uk")
    ukrainian = client.get("/uk/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == ukrainian.status_code == 200
    assert english["Content-Language"] == "en"
    assert ukrainian["Content-Language"] == "uk"
    for response in (english, ukrainian):
        assert "accept-language" not in response.get("Vary", "").lower()
    # The request's language does not outlive it.
    assert translation.get_language() == "en"
