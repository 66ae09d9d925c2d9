import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles import search as search_module
from articles.models import Article, ArticleAuthor
from articles.search import (
    SearchResults,
    SearchTerms,
    newest_matches_in_window,
    search_articles,
)
from articles.search_documents import refresh_search_documents, teaser_text
from articles.search_highlight import POSTGRESQL_STEMMING, SQLITE_STEMMING, teaser
from articles.tests.factories import ArticleFactory, SectionFactory, draft, in_review, scheduled
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("articles:search")
# PostgreSQL's full-text search.
postgresql_only = pytest.mark.postgres


def ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


def result_headlines(response):
    return [article.headline for article in response.context["page"].object_list]


def teasers(response):
    return re.findall(r'<p class="card__dek search-teaser">(.*?)</p>', response.text, re.S)


def main_content(response):
    return response.text.split('<main id="content"', 1)[1].split("</main>", 1)[0]


def stored_document(article):
    return Article.objects.values_list("search_document", flat=True).get(pk=article.pk)


class TestSearchDocument:
    def test_holds_dek_body_text_tags_and_authors(self):
        article = ArticleFactory(
            dek="Grain deal talks resume.",
            body="<p>Ships wait in <b>Odesa</b>.</p><p>Insurers&nbsp;hesitate &amp; wait.</p>",
            tags=["Black Sea", "Trade"],
            authors=[AuthorFactory(name="Kateryna Hodunova"), AuthorFactory(name="Dmytro Basmat")],
        )

        document = stored_document(article)

        assert teaser_text(document) == (
            "Grain deal talks resume. Ships wait in Odesa. Insurers hesitate & wait."
        )
        assert "Black Sea, Trade" in document
        assert "Kateryna Hodunova, Dmytro Basmat" in document

    def test_follows_edits_to_the_article_its_tags_and_its_byline(self):
        writer = AuthorFactory(name="Martin Fornusek")
        article = ArticleFactory(tags=["Energy"], authors=[writer])

        article.body = "<p>The grid held overnight.</p>"
        article.save()
        article.tags.set(["Weather"])
        ArticleAuthor.objects.filter(article=article).delete()
        ArticleAuthor.objects.create(article=article, author=AuthorFactory(name="Olena Harmash"))

        document = stored_document(article)
        assert "The grid held overnight." in document
        assert "Weather" in document and "Energy" not in document
        assert "Olena Harmash" in document and "Fornusek" not in document

    def test_follows_renamed_authors_and_tags(self):
        writer = AuthorFactory(name="Asami Terajima")
        article = ArticleFactory(tags=["Drones"], authors=[writer])

        writer.name = "Asami Terajima-Sato"
        writer.save()
        tag = article.tags.get()
        tag.name = "Drone warfare"
        tag.save()

        document = stored_document(article)
        assert "Asami Terajima-Sato" in document
        assert "Drone warfare" in document

    def test_bulk_refresh_fills_rows_written_without_save_in_a_few_queries(
        self, django_assert_max_num_queries
    ):
        writer = AuthorFactory(name="Yuliia Taradiuk")
        section = SectionFactory()
        articles = Article.objects.bulk_create(
            Article(
                headline=f"Story {n}",
                slug=f"story-{n}",
                dek=f"Dek {n}",
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=ago(hours=n + 1),
            )
            for n in range(30)
        )
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=article, author=writer) for article in articles
        )
        article = articles[0]
        article.tags.add("Frontline")  # a signal refreshes this one; the bulk rows stay empty

        # Two chunks: articles, tags, bylines and one UPDATE each (and one write of the full-text
        # table on SQLite).
        with django_assert_max_num_queries(8 if connection.vendor == "postgresql" else 10):
            changed = refresh_search_documents(Article.objects.all(), chunk_size=20)

        assert changed == 29
        assert search_articles("Taradiuk").count() == 30
        assert list(search_articles("Dek 7").values_list("pk", flat=True)) == [articles[7].pk]
        assert "Dek 7" in stored_document(articles[7])
        assert "Yuliia Taradiuk" in stored_document(articles[7])
        assert refresh_search_documents(Article.objects.all()) == 0


class TestQueryNormalisation:
    def test_trims_and_collapses_whitespace(self):
        assert SearchTerms.from_input("  north \n\t korea  ").text == "north korea"

    def test_caps_a_long_query_without_cutting_a_word(self):
        terms = SearchTerms.from_input("migrants " * 100)
        assert terms.was_shortened is True
        assert len(terms.text) <= 200
        assert terms.text.endswith("migrants")

    def test_desk_words_drop_wildcards_short_words_and_repeats(self):
        terms = SearchTerms.from_input("\"Kyiv* %_% a Kyiv київ Київ 2024 o'clock")
        assert terms.words == ["Kyiv", "київ", "2024", "clock"]

    def test_parses_words_phrases_exclusions_and_or(self):
        terms = SearchTerms.from_input('kim "north korea" -un -"south korea" OR seoul -the')

        assert [
            [(term.text, term.is_phrase, term.is_excluded) for term in group]
            for group in terms.alternatives
        ] == [
            [
                ("kim", False, False),
                ("north korea", True, False),
                ("un", False, True),
                ("south korea", True, True),
            ],
            [("seoul", False, False)],
        ]
        assert terms.websearch == '"kim" "north korea" -"un" -"south korea" or "seoul"'
        assert terms.fts5 == (
            '((("kim" AND "north korea") NOT "un") NOT "south korea") OR ("seoul")'
        )

    @pytest.mark.parametrize("query", ["-russia", "the of", "or", '-"a b"', '"" * ( -'])
    def test_nothing_to_find_is_no_query(self, query):
        assert SearchTerms.from_input(query).alternatives == ()


@pytest.mark.parametrize(
    ("field", "value", "query"),
    [
        ("headline", "Zelensky meets allies in Brussels", "brussels"),
        ("dek", "Talks moved to Istanbul at short notice.", "Istanbul"),
        ("body", "<p>The convoy reached <em>Kherson</em> at dawn.</p>", "kherson"),
    ],
)
def test_finds_words_in_headline_dek_and_body(client, field, value, query):
    article = ArticleFactory(**{field: value})
    ArticleFactory(headline="Unrelated story")

    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 200
    assert [result.pk for result in response.context["page"].object_list] == [article.pk]
    # Results quote the search document; the body stays in the database.
    assert "body" not in response.context["page"].object_list[0].__dict__


def test_finds_tag_names_and_author_names(client):
    ArticleFactory(headline="Tagged story", tags=["Zaporizhzhia"])
    ArticleFactory(headline="Bylined story", authors=[AuthorFactory(name="Kateryna Hodunova")])
    ArticleFactory(headline="Unrelated story")

    assert result_headlines(client.get(SEARCH_URL, {"q": "zaporizhzhia"})) == ["Tagged story"]
    assert result_headlines(client.get(SEARCH_URL, {"q": "Hodunova"})) == ["Bylined story"]


def test_all_words_must_match(client):
    ArticleFactory(headline="North Korea sends migrants to Russia")
    ArticleFactory(headline="South Korea elects a president")

    response = client.get(SEARCH_URL, {"q": "north korea"})

    assert result_headlines(response) == ["North Korea sends migrants to Russia"]


def test_headline_match_outranks_a_body_only_match(client):
    ArticleFactory(
        headline="Weekly roundup",
        body="<p>Among other things, a drone hit a warehouse.</p>",
        published_at=ago(hours=1),
    )
    ArticleFactory(headline="Drone strikes Odesa port", published_at=ago(days=3))

    response = client.get(SEARCH_URL, {"q": "drone"})

    assert result_headlines(response) == ["Drone strikes Odesa port", "Weekly roundup"]


def test_newer_article_first_when_relevance_ties(client):
    for days in (5, 1, 3):
        ArticleFactory(
            headline="Grain corridor reopens", dek="Ships sail again.", published_at=ago(days=days)
        )

    response = client.get(SEARCH_URL, {"q": "grain corridor"})

    published = [article.published_at for article in response.context["page"].object_list]
    assert len(published) == 3
    assert published == sorted(published, reverse=True)


def test_only_published_articles_are_found_even_when_they_match_best(client):
    best = {"headline": "Secret scoop scoop", "dek": "Scoop.", "tags": ["Scoop"]}
    draft(**best)
    in_review(**best)
    scheduled(**best)
    embargoed = ArticleFactory(embargo_until=timezone.now() + datetime.timedelta(hours=3), **best)
    # save() moves the publish time to the embargo's end; published() must hold on its own.
    Article.objects.filter(pk=embargoed.pk).update(published_at=ago(hours=2))
    ArticleFactory(headline="A modest scoop")

    response = client.get(SEARCH_URL, {"q": "scoop"})

    assert result_headlines(response) == ["A modest scoop"]
    assert "Secret" not in response.text
    assert list(search_articles("scoop").values_list("headline", flat=True)) == ["A modest scoop"]


def test_teaser_marks_matched_words(client):
    ArticleFactory(
        headline="Migration figures",
        dek="North Korea sent nearly 15,000 migrants to Russia last year.",
    )

    response = client.get(SEARCH_URL, {"q": "migrants"})

    [teaser] = teasers(response)
    assert "<mark>migrants</mark>" in teaser


def test_teaser_and_headline_escape_markup_in_the_source(client):
    ArticleFactory(
        headline="<b>Bold</b> claims about <i>drones</i>",
        dek='He wrote "<img src=x onerror=alert(1)>" & left.',
        body="<p>Officials quoted &lt;script&gt;alert(1)&lt;/script&gt; about drones.</p>",
    )

    response = client.get(SEARCH_URL, {"q": "drones"})

    assert response.status_code == 200
    assert "&lt;b&gt;Bold&lt;/b&gt;" in response.text
    [teaser] = teasers(response)
    assert set(re.findall(r"</?[a-zA-Z][^>]*>", teaser)) <= {"<mark>", "</mark>"}
    assert "<mark>drones</mark>" in teaser
    for unsafe in ("<script", "<img", "<b>", "onerror=alert(1)>"):
        assert unsafe not in main_content(response)


def test_empty_query_shows_the_form_and_a_hint_without_results(client):
    ArticleFactory(headline="Anything at all")

    response = client.get(SEARCH_URL, {"q": "   "})

    assert response.status_code == 200
    assert "page" not in response.context
    assert 'name="q"' in response.text
    assert "search-hint" in response.text
    assert "Anything at all" not in response.text


@pytest.mark.parametrize(
    "query",
    ["a" * 1000, "word " * 200, "*", "%_%", "%", "_", '"unbalanced', "'", "\\", "-", "!(", "<>"]
    + ["42", "north & korea | !", "a:* <-> b"],
)
def test_odd_queries_answer_a_sensible_page(client, query):
    ArticleFactory(headline="Percent and underscore: 100% of some_thing")

    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 200
    assert 'name="q"' in response.text
    assert "search-summary" in response.text or "search-hint" in response.text


def test_wildcards_are_not_wildcards(client):
    ArticleFactory(headline="A story")

    for query in ("%", "_", "*", "%_%"):
        response = client.get(SEARCH_URL, {"q": query})
        assert result_headlines(response) == []
        assert "No published stories match" in response.text


def test_very_long_query_is_shortened_with_a_note(client):
    ArticleFactory(headline="Migrants reach the border")

    response = client.get(SEARCH_URL, {"q": "migrants " + "x" * 1000})

    assert response.status_code == 200
    assert "only its first" in response.text
    assert len(response.context["query"]) <= 200


@pytest.mark.parametrize(
    ("query", "headline"),
    [
        ("Київ", "Новини з Києва: Київ під обстрілом"),
        ("київ", "Новини з Києва: Київ під обстрілом"),
        ("북한", "북한 미사일 발사"),
    ],
)
def test_non_latin_queries_find_their_words(client, query, headline):
    ArticleFactory(headline=headline)
    ArticleFactory(headline="Kyiv under fire")

    response = client.get(SEARCH_URL, {"q": query})

    assert response.status_code == 200
    assert result_headlines(response) == [headline]


def test_non_latin_match_is_marked_in_the_teaser(client):
    ArticleFactory(headline="Звіт", dek="Мер сказав, що Київ готовий до зими.")

    response = client.get(SEARCH_URL, {"q": "Київ"})

    [teaser] = teasers(response)
    assert "<mark>Київ</mark>" in teaser


def test_results_are_paged_by_number_with_the_query_kept(client):
    for n in range(45):
        ArticleFactory(headline=f"Frontline report {n}", published_at=ago(minutes=n))

    first = client.get(SEARCH_URL, {"q": "frontline"})
    third = client.get(SEARCH_URL, {"q": "frontline", "page": "3"})

    assert len(result_headlines(first)) == 20
    assert "45 results" in first.text
    assert 'href="?q=frontline&amp;page=2" rel="next"' in first.text
    assert result_headlines(third) == [f"Frontline report {n}" for n in range(40, 45)]
    seen = set()
    for page in (1, 2, 3):
        seen |= set(result_headlines(client.get(SEARCH_URL, {"q": "frontline", "page": page})))
    assert len(seen) == 45


@pytest.mark.parametrize(("page", "expected_number"), [("abc", 1), ("0", 3), ("99999", 3)])
def test_odd_page_numbers_show_a_real_page(client, page, expected_number):
    for _ in range(45):
        ArticleFactory(headline="Frontline report")

    response = client.get(SEARCH_URL, {"q": "frontline", "page": page})

    assert response.status_code == 200
    assert response.context["page"].number == expected_number


def test_pages_stop_at_the_cap(client, monkeypatch):
    monkeypatch.setattr("articles.views.SEARCH_MAX_PAGES", 2)
    for _ in range(45):
        ArticleFactory(headline="Frontline report")

    response = client.get(SEARCH_URL, {"q": "frontline", "page": "3"})

    assert response.context["page"].number == 2
    assert 'rel="next"' not in response.text
    assert "Only the 2 most relevant pages of the latest matches are shown" in response.text


def test_a_full_set_of_candidates_says_more_may_match(client, monkeypatch):
    monkeypatch.setattr(search_module, "SEARCH_CANDIDATES", 40)
    for _ in range(45):
        ArticleFactory(headline="Frontline report")

    full = client.get(SEARCH_URL, {"q": "frontline"})
    monkeypatch.setattr(search_module, "SEARCH_CANDIDATES", 46)
    all_shown = client.get(SEARCH_URL, {"q": "frontline"})

    summary = " ".join(full.text.split('class="search-summary">')[1].split("</p>")[0].split())
    assert "At least 40 results for “frontline”, page 1 of 2." in summary
    assert "add a word to narrow it down" in summary
    assert full.context["paginator"].count == 40
    summary = " ".join(all_shown.text.split('class="search-summary">')[1].split("</p>")[0].split())
    assert "45 results for “frontline”, page 1 of 3." in summary
    assert "At least" not in summary
    assert "narrow it down" not in summary


def test_query_count_does_not_grow_with_the_results(client, django_assert_max_num_queries):
    section = SectionFactory()

    def add_matches(count):
        for _ in range(count):
            ArticleFactory(
                headline="Energy grid update",
                section=section,
                tags=["Energy", "Grid"],
                authors=[AuthorFactory(), AuthorFactory()],
                lead_image=ImageFactory(),
            )

    # Count, results, renditions, bylines, navigation, the banner. Renditions are made on
    # first view, so each round is measured on a second request.
    add_matches(2)
    client.get(SEARCH_URL, {"q": "energy"})
    with django_assert_max_num_queries(6) as few:
        client.get(SEARCH_URL, {"q": "energy"})
    add_matches(20)
    client.get(SEARCH_URL, {"q": "energy"})
    with django_assert_max_num_queries(6) as many:
        response = client.get(SEARCH_URL, {"q": "energy"})

    assert len(result_headlines(response)) == 20
    assert len(many.captured_queries) == len(few.captured_queries)


def test_search_pages_ask_robots_not_to_index_them(client):
    for params in ({}, {"q": "anything"}):
        response = client.get(SEARCH_URL, params)
        assert '<meta name="robots" content="noindex, follow">' in response.text


def test_header_search_box_on_the_feed(client):
    response = client.get(reverse("frontpage:front"))

    assert response.status_code == 200
    header = response.text.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert f'<form class="site-search" role="search" action="{SEARCH_URL}" method="get">' in header
    assert 'type="search" name="q"' in header
    assert 'class="visually-hidden" for="site-search-q"' in header


@postgresql_only
class TestPostgreSQL:
    def test_search_uses_the_gin_index(self):
        section = SectionFactory()
        Article.objects.bulk_create(
            Article(
                headline=f"Filler story {n}",
                slug=f"filler-{n}",
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=ago(hours=n + 1),
            )
            for n in range(1000)
        )
        ArticleFactory(headline="North Korea sends workers to Russia")
        sql, params = search_articles("north korea").query.sql_with_params()

        with connection.cursor() as cursor:
            # Merge the GIN index's pending entries (other tests' rolled-back rows among them) as
            # autovacuum would, and give the planner statistics, as a live database has.
            cursor.execute("SELECT gin_clean_pending_list('article_search_vector'::regclass)")
            cursor.execute("ANALYZE articles_article")
            # Small tables are cheaper to read whole, whatever the index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())

        assert "Bitmap Index Scan on article_search_vector" in plan, plan


class TestLeadImageWords:
    """The lead image's caption and credit are searchable, and follow every edit to them."""

    def test_a_reader_searching_kim_jong_un_finds_the_seed_story(self, client):
        call_command("load_demo", "--articles", "5", "--no-logins", stdout=io.StringIO())
        seed = Article.objects.get(headline__startswith="North Korea sends nearly 15,000")
        assert "Kim" not in seed.headline + seed.dek + seed.body  # only its caption names him

        response = client.get(SEARCH_URL, {"q": "Kim Jong Un"})

        assert response.status_code == 200
        assert seed.headline in result_headlines(response)
        assert seed.headline in main_content(response)

    def test_follow_edits_to_the_image_and_the_articles_own_words(self, client):
        image = ImageFactory(caption="A harbour at dawn.", credit="Staff photo")
        article = ArticleFactory(headline="Port reopens", lead_image=image)
        assert result_headlines(client.get(SEARCH_URL, {"q": "harbour"})) == ["Port reopens"]

        image.caption = "Cranes over Chornomorsk."
        image.save()
        assert result_headlines(client.get(SEARCH_URL, {"q": "harbour"})) == []
        assert result_headlines(client.get(SEARCH_URL, {"q": "Chornomorsk"})) == ["Port reopens"]

        image.credit = "Oleksandr Gimanov"
        image.save()
        assert result_headlines(client.get(SEARCH_URL, {"q": "Gimanov"})) == ["Port reopens"]

        article.lead_image_caption = "Grain ships wait in Izmail."
        article.save()
        assert result_headlines(client.get(SEARCH_URL, {"q": "Izmail"})) == ["Port reopens"]
        assert result_headlines(client.get(SEARCH_URL, {"q": "Chornomorsk"})) == []

    def test_deleting_the_image_drops_its_words(self, client):
        image = ImageFactory(caption="Cranes over Chornomorsk.")
        ArticleFactory(headline="Port reopens", lead_image=image)

        image.delete()

        assert result_headlines(client.get(SEARCH_URL, {"q": "Chornomorsk"})) == []
        assert Article.objects.filter(headline="Port reopens").exists()


def test_follows_renamed_and_changed_tags_and_bylines(client):
    writer = AuthorFactory(name="Asami Terajima")
    article = ArticleFactory(headline="Frontline report", tags=["Drones"], authors=[writer])

    def found(query):
        return result_headlines(client.get(SEARCH_URL, {"q": query}))

    tag = article.tags.get()
    tag.name = "Interceptors"
    tag.save()
    assert found("interceptor") == ["Frontline report"]
    assert found("drones") == []

    article.tags.set(["Energy"])
    assert found("energy") == ["Frontline report"]
    assert found("interceptors") == []

    ArticleAuthor.objects.filter(article=article).delete()
    ArticleAuthor.objects.create(article=article, author=AuthorFactory(name="Olena Harmash"))
    assert found("Harmash") == ["Frontline report"]
    assert found("Terajima") == []


def test_follows_a_new_headline_and_a_renamed_author(client):
    writer = AuthorFactory(name="Asami Terajima")
    article = ArticleFactory(headline="Drones over the border", authors=[writer])

    article.headline = "Interceptors over the border"
    article.save(update_fields=["headline"])
    writer.name = "Asami Sato"
    writer.save()

    assert result_headlines(client.get(SEARCH_URL, {"q": "interceptors"})) == [article.headline]
    assert result_headlines(client.get(SEARCH_URL, {"q": "drones"})) == []
    assert result_headlines(client.get(SEARCH_URL, {"q": "Sato"})) == [article.headline]


@postgresql_only
class TestCandidatesThroughAWindow:
    """A word in some stories in ten finds its candidates through the GIN index within a window
    of the newest stories: the same candidates as the newest-first walk, in the same order."""

    @pytest.fixture
    def archive(self):
        section = SectionFactory()
        stories = Article.objects.bulk_create(
            Article(
                headline=f"Grain shipment {n}" if n % 3 == 0 else f"Council budget {n}",
                slug=f"story-{n}",
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=ago(hours=n + 1),
            )
            for n in range(90)
        )
        # Never candidates, however new: a draft, a scheduled story, one under embargo.
        draft(headline="Grain draft")
        scheduled(headline="Grain scheduled")
        refresh_search_documents(Article.objects.all())
        return stories

    def walked(self, text, candidates):
        ranked = search_articles(text).prefetch_related(None)
        newest = ranked.order_by("-published_at", "-id").values_list("pk", flat=True)
        return list(newest[:candidates])

    @pytest.mark.parametrize("window", [12, 30, 45, None])
    def test_the_window_gives_the_newest_matches(self, archive, window):
        terms = SearchTerms.from_input("grain")
        found = newest_matches_in_window(terms, window, candidates=4)
        assert found == self.walked("grain", 4)
        assert len(newest_matches_in_window(terms, 12, candidates=10)) == 4  # only 4 inside

    def test_results_are_the_same_whichever_way_the_candidates_are_found(
        self, client, archive, monkeypatch
    ):
        walked = client.get(SEARCH_URL, {"q": "grain"})
        # As at 100,000 articles: a word in a fifth of the stories, too many to look up one by
        # one and too few to meet soon walking down the newest-first index.
        monkeypatch.setattr(search_module, "FEW_MATCHES", 0)
        monkeypatch.setattr(search_module, "SEARCH_CANDIDATES", 25)
        monkeypatch.setattr(search_module, "estimated_matches", lambda terms: (20, 90))
        through_window = client.get(SEARCH_URL, {"q": "grain"})

        assert search_module.newest_match_ids(SearchTerms.from_input("grain")) == self.walked(
            "grain", 25
        )
        assert result_headlines(through_window)[:20] == result_headlines(walked)[:20]
        assert through_window.context["paginator"].count == 25
        assert "Grain draft" not in through_window.text


def marked(teaser):
    return re.findall(r"<mark>(.*?)</mark>", teaser)


class TestReadersQuerySyntax:
    """Words, "phrases", -exclusions and or mean the same on every database."""

    def test_marks_only_the_words_that_matched(self, client):
        ArticleFactory(
            headline="Summit in Pyongyang",
            dek="Kim Jong Un told the United Nations Council his country would not yield.",
        )

        response = client.get(SEARCH_URL, {"q": "Kim Jong Un"})

        [teaser] = teasers(response)
        assert marked(teaser) == ["Kim", "Jong", "Un"]
        assert "country would" in teaser and "United Nations Council" in teaser

    def test_an_excluded_word_leaves_out_every_story_that_mentions_it(self, client):
        ArticleFactory(headline="Sanctions on Russia widen")
        ArticleFactory(headline="Sanctions relief", body="<p>Moscow, Russia, objected.</p>")
        ArticleFactory(headline="Sanctions on oil", tags=["Russia"])
        ArticleFactory(headline="New sanctions on Iran")
        ArticleFactory(headline="Russian grain exports")

        assert result_headlines(client.get(SEARCH_URL, {"q": "sanctions -russia"})) == [
            "New sanctions on Iran"
        ]
        only_excluded = client.get(SEARCH_URL, {"q": "-russia"})
        assert only_excluded.status_code == 200
        assert result_headlines(only_excluded) == []
        assert "No published stories match" in only_excluded.text
        assert "it has no word to look for" in only_excluded.text
        with_a_word = client.get(SEARCH_URL, {"q": "xylophone -russia"})
        assert "it has no word to look for" not in with_a_word.text

    def test_a_quoted_phrase_matches_the_phrase_only(self, client):
        ArticleFactory(headline="North Korea sends workers", dek="Workers from North Korea.")
        ArticleFactory(headline="Korea north of the border sends nothing")

        phrase = client.get(SEARCH_URL, {"q": '"north korea"'})
        excluded = client.get(SEARCH_URL, {"q": 'korea -"north korea"'})

        assert result_headlines(phrase) == ["North Korea sends workers"]
        [teaser] = teasers(phrase)
        assert marked(teaser) == ["North Korea"]
        assert result_headlines(excluded) == ["Korea north of the border sends nothing"]
        assert result_headlines(client.get(SEARCH_URL, {"q": "korea -workers"})) == [
            "Korea north of the border sends nothing"
        ]

    def test_or_finds_either_word(self, client):
        ArticleFactory(headline="Talks in Seoul", published_at=ago(hours=2))
        ArticleFactory(headline="Parade in Pyongyang", published_at=ago(hours=1))
        ArticleFactory(headline="Talks in Tokyo")

        response = client.get(SEARCH_URL, {"q": "seoul or pyongyang"})

        assert result_headlines(response) == ["Parade in Pyongyang", "Talks in Seoul"]

    def test_word_forms_match_through_stemming_and_are_marked(self, client):
        ArticleFactory(headline="A migrant's journey", dek="Migration is rising.")
        ArticleFactory(headline="Drone strike on the port", dek="Two strikes hit the port.")

        assert result_headlines(client.get(SEARCH_URL, {"q": "migrants"})) == [
            "A migrant's journey"
        ]
        strikes = client.get(SEARCH_URL, {"q": "striking"})
        assert result_headlines(strikes) == ["Drone strike on the port"]
        [teaser] = teasers(strikes)
        assert marked(teaser) == ["strikes"]

    def test_common_words_alone_match_nothing(self, client):
        ArticleFactory(headline="The state of the union")

        response = client.get(SEARCH_URL, {"q": "the of"})

        assert response.status_code == 200
        assert result_headlines(response) == []

    @pytest.mark.parametrize(
        "query",
        ['"', "*", "(", ")", "NEAR", "AND", "NOT", "OR", ":", "^", "-", "+", "{", "}"]
        + ['""', '-"', "- -", 'port"', "port*", "headline:port", "{headline}: port"]
        + ["NEAR(port reopens)", "port NEAR/2 reopens", "port AND", "(port", "^port"]
        + ["port " * 60, "Київ (", "北京 *", "port\u0301 😀"],
    )
    def test_search_syntax_in_a_query_is_just_text(self, client, query):
        ArticleFactory(headline="Port reopens near the bridge")
        ArticleFactory(headline="Grain harvest")

        response = client.get(SEARCH_URL, {"q": query})

        assert response.status_code == 200
        assert "search-summary" in response.text
        assert "Grain harvest" not in result_headlines(response)

    def test_search_operators_typed_as_words_are_words(self, client):
        ArticleFactory(headline="Shells land near the port")
        ArticleFactory(headline="Port reopens")
        ArticleFactory(headline="A headline about shells")

        assert result_headlines(client.get(SEARCH_URL, {"q": "near port"})) == [
            "Shells land near the port"
        ]
        # Not a filter on a column: two words.
        assert result_headlines(client.get(SEARCH_URL, {"q": "headline:shells"})) == [
            "A headline about shells"
        ]


def test_a_deleted_story_leaves_the_index(client):
    kept = ArticleFactory(headline="Port reopens")
    gone = draft(headline="Port closes")

    gone.delete()

    assert result_headlines(client.get(SEARCH_URL, {"q": "port"})) == [kept.headline]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM articles_search")
            assert [row[0] for row in cursor.fetchall()] == [kept.pk]


def test_result_pages_rank_as_search_articles_does(monkeypatch):
    for n in range(12):
        ArticleFactory(
            headline=f"Grain corridor {n}" if n % 3 == 0 else f"Port report {n}",
            dek="Grain prices." if n % 2 else "Ships wait.",
            published_at=ago(hours=n + 1),
        )
    draft(headline="Grain draft")
    scheduled(headline="Grain scheduled")
    monkeypatch.setattr(search_module, "SEARCH_CANDIDATES", 8)

    ids = SearchResults("grain").ids

    ranked = search_articles("grain")
    assert ids == list(ranked.values_list("pk", flat=True)[:8])
    assert len(ids) == 8
    assert len({article.search_rank for article in ranked}) > 1  # not merely newest first


def test_desk_search_takes_each_word_as_a_prefix(client, editor):
    seed = ArticleFactory(headline="Putin arrives in Pyongyang", status=Article.Status.DRAFT)
    ArticleFactory(headline="Grain ships leave Odesa")
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")

    def found(text):
        response = client.get(changelist, {"q": text})
        assert response.status_code == 200
        return list(response.context["cl"].result_list)

    assert found("pyong") == [seed]
    assert found("Putin Pyong") == [seed]
    assert found("arriving") == [seed]
    # Whole words from their start, never a piece from inside one.
    assert found("yang") == []
    assert found('"*(') != []  # nothing to search for: the list as it is


STEMMED_WORDS = (
    "strikes striking struck migrants migration presidents united states generously happily "
    "international emergency evening organizers sociologists dying skies news running ran "
    "ceasefire negotiations negotiated drones shelling refugees sanctioned sanctions Київ café"
).split()


def test_the_highlighter_stems_as_the_database_does():
    """A teaser marks a word when the database would have matched it: same stem, same word."""
    if connection.vendor == "postgresql":
        stemming = POSTGRESQL_STEMMING
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, ts_lexize('english_stem', lower(word)) "
                "FROM unnest(%s::text[]) AS word",
                [STEMMED_WORDS],
            )
            database = {word: lexemes[0] for word, lexemes in cursor.fetchall()}
    else:
        stemming = SQLITE_STEMMING
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE VIRTUAL TABLE temp.stems USING fts5(word, "
                "tokenize = 'porter unicode61 remove_diacritics 2')"
            )
            cursor.executemany(
                "INSERT INTO temp.stems (rowid, word) VALUES (%s, %s)", enumerate(STEMMED_WORDS)
            )
            cursor.execute("CREATE VIRTUAL TABLE temp.lexemes USING fts5vocab(stems, 'instance')")
            cursor.execute("SELECT doc, term FROM temp.lexemes")
            database = {STEMMED_WORDS[row]: term for row, term in cursor.fetchall()}
            cursor.execute("DROP TABLE temp.lexemes")
            cursor.execute("DROP TABLE temp.stems")

    assert {word: stemming.key(stemming.normalise(word)) for word in STEMMED_WORDS} == database


def test_teaser_opens_at_the_start_or_around_the_best_match():
    filler = " ".join(f"word{n}" for n in range(100))
    stemming = SQLITE_STEMMING

    early = teaser(f"Drones hit the port. {filler}", SearchTerms.from_input("drone"), stemming)
    late = teaser(
        f"{filler} A drone fell. {filler} Drones and shells hit the port. {filler}",
        SearchTerms.from_input("drones shelling"),
        stemming,
    )

    assert early.startswith("<mark>Drones</mark> hit the port.") and early.endswith(" …")
    # The passage with both words wins over the earlier one with one.
    assert late.startswith("… ") and late.endswith(" …")
    assert marked(late) == ["Drones", "shells"]
