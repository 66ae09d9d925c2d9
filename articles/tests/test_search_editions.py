"""Search per edition: /search/ finds the default edition's stories, /uk/search/ the Ukrainian
edition's, each read in its own language (articles.search_languages)."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from articles.models import Article, SectionName
from articles.search import SearchResults, SearchTerms, search_articles
from articles.search_languages import config_sql, search_language, ukrainian_stem
from articles.tests.factories import ArticleFactory, SectionFactory, draft

pytestmark = pytest.mark.django_db


def search_url(language):
    with translation.override(language):
        return reverse("articles:search")


def found(client, language, query):
    response = client.get(search_url(language), {"q": query})
    assert response.status_code == 200
    return [article.headline for article in response.context["page"].object_list]


@pytest.fixture
def story_in_each_edition():
    english = ArticleFactory(
        language="en",
        headline="Drones strike Nikopol overnight",
        body="<p>Zelensky said the drones struck the port of Nikopol.</p>",
    )
    ukrainian = ArticleFactory(
        language="uk",
        translation_key=english.translation_key,
        headline="Дрони атакували Нікополь уночі",
        body="<p>Zelensky сказав, що десять дронів уразили порт Нікополя.</p>",
    )
    return english, ukrainian


def test_each_edition_searches_only_its_own_stories(client, story_in_each_edition):
    english, ukrainian = story_in_each_edition
    # "Zelensky" is in both stories: each edition finds its own translation only.
    assert found(client, "en", "Zelensky") == [english.headline]
    assert found(client, "uk", "Zelensky") == [ukrainian.headline]
    assert found(client, "en", "Нікополь") == []
    assert found(client, "uk", "Nikopol") == []


@pytest.mark.parametrize(
    "query",
    [
        "Нікополь",
        "Нікополі",  # the locative: "in Nikopol"
        "Нікополя",
        "дрони",
        "дронів",  # the genitive plural
        "дронами",
        "ДРОНИ",
        '"дрони атакували"',  # a phrase, each word by its stem
        "дронів or танків",
    ],
)
def test_a_ukrainian_reader_finds_other_forms_of_a_word(client, story_in_each_edition, query):
    _, ukrainian = story_in_each_edition
    assert found(client, "uk", query) == [ukrainian.headline]


@pytest.mark.parametrize(
    "query",
    [
        "танків",  # a word the story does not have
        "дрони -Нікополі",  # excluded by another form of the word
        '"атакували дрони"',  # the phrase's words in another order
        "Київ",
    ],
)
def test_a_ukrainian_search_still_leaves_out_what_does_not_match(
    client, story_in_each_edition, query
):
    assert found(client, "uk", query) == []


def test_the_ukrainian_teaser_marks_the_forms_found(client, story_in_each_edition):
    response = client.get(search_url("uk"), {"q": "Нікополі дронів"})
    (result,) = response.context["page"].object_list
    assert "<mark>Нікополя</mark>" in result.search_teaser
    assert "<mark>дронів</mark>" in result.search_teaser


def test_english_keeps_english_stemming_and_stop_words(client, story_in_each_edition):
    english, _ = story_in_each_edition
    assert found(client, "en", "striking drone") == [english.headline]
    # "the" alone has nothing to find in English...
    response = client.get(search_url("en"), {"q": "the"})
    assert response.context["has_nothing_to_find"]
    # ...but it is no stop word of the Ukrainian edition's.
    response = client.get(search_url("uk"), {"q": "the"})
    assert not response.context["has_nothing_to_find"]


def test_a_ukrainian_draft_is_never_found(client, story_in_each_edition):
    draft(language="uk", headline="Чернетка про дрони")
    assert found(client, "uk", "дрони") == ["Дрони атакували Нікополь уночі"]


def test_search_outside_a_request_names_its_edition(story_in_each_edition):
    english, ukrainian = story_in_each_edition
    assert list(search_articles(SearchTerms.from_input("Zelensky"))) == [english]
    ukrainian_terms = SearchTerms.from_input("Zelensky", language="uk")
    assert list(search_articles(ukrainian_terms)) == [ukrainian]
    assert list(SearchResults(ukrainian_terms)[:5]) == [ukrainian]
    with translation.override("uk"):
        assert list(search_articles(SearchTerms.from_input("дронів"))) == [ukrainian]


def test_a_story_moved_to_the_other_edition_is_searched_there(client, story_in_each_edition):
    english, _ = story_in_each_edition
    moved = Article.objects.get(pk=english.pk)
    moved.language = "uk"
    moved.translation_key = uuid.uuid4()  # the Ukrainian translation keeps the old one
    moved.save()
    assert found(client, "uk", "Nikopol") == [english.headline]
    assert found(client, "en", "Nikopol") == []


def test_the_stems_a_ukrainian_query_is_matched_by():
    assert ukrainian_stem("Нікополі") == ukrainian_stem("Нікополь") == "нікопол"
    assert ukrainian_stem("дронів") == ukrainian_stem("дрони") == "дрон"
    # Too short a stem would match too much: the word is kept whole.
    assert ukrainian_stem("дім") == "дім"
    terms = SearchTerms.from_input('дронів -"порту Одеси" or Нікополі', language="uk")
    # PostgreSQL looks up whole forms, each one entry of the GIN index; FTS5 takes prefixes.
    assert terms.tsquery.startswith("(((")
    assert "'дрон' | 'дронями' | 'дронами'" in terms.tsquery
    assert "'дронів'" in terms.tsquery and "'нікополі'" in terms.tsquery
    assert "'дрон':*" not in terms.tsquery
    assert ") & !((" in terms.tsquery and ") <-> (" in terms.tsquery
    assert terms.fts5 == '(("дрон" *) NOT "порт" * + "одес" *) OR ("нікопол" *)'


def test_a_language_without_settings_is_searched_word_for_word():
    assert search_language("xx").config == "simple"
    assert not search_language("xx").matches_stems
    assert search_language("en").config == "english"
    assert "ELSE 'simple'" in config_sql("language")


@pytest.mark.postgres
def test_each_stored_vector_is_in_its_story_language(story_in_each_edition):
    english, ukrainian = story_in_each_edition
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, search_vector::text FROM articles_article WHERE id IN (%s, %s)",
            [english.pk, ukrainian.pk],
        )
        vectors = dict(cursor.fetchall())
    # English is stemmed and loses its stop words; Ukrainian keeps every word as written.
    assert "'strike'" in vectors[english.pk] and "'the'" not in vectors[english.pk]
    assert "'нікополь'" in vectors[ukrainian.pk] and "'дронів'" in vectors[ukrainian.pk]


def test_a_longer_word_is_found_by_sqlite_prefix_only(client):
    ArticleFactory(language="uk", headline="Нікопольського порту більше немає")
    expected = [] if connection.vendor == "postgresql" else ["Нікопольського порту більше немає"]
    # PostgreSQL looks up the forms of the stem (whole words); SQLite's prefix goes further.
    assert found(client, "uk", "Нікополь") == expected
    assert found(client, "uk", "порт") == ["Нікопольського порту більше немає"]


def test_a_result_names_its_section_in_the_editions_words(client):
    world = SectionFactory(name="World", slug="world")
    SectionName.objects.create(section=world, language="uk", name="Світ")

    def add_stories(count):
        for _ in range(count):
            ArticleFactory(section=world, language="uk", headline="Дрони над портом")
            ArticleFactory(section=world, language="en", headline="Drones over the port")

    def page(language, query):
        return client.get(search_url(language), {"q": query}).content.decode()

    add_stories(1)
    with CaptureQueriesContext(connection) as one:
        page("uk", "дронів")
    add_stories(2)
    with CaptureQueriesContext(connection) as three:
        ukrainian = page("uk", "дронів")

    assert ukrainian.count('class="section-label" href="/uk/sections/world/">Світ</a>') == 3
    assert ">World<" not in ukrainian
    # The names come in one query for the page, not one per result.
    assert len(three.captured_queries) == len(one.captured_queries)
    english = page("en", "drones")
    assert english.count('class="section-label" href="/sections/world/">World</a>') == 3
    assert "Світ" not in english
