"""How the main reader and desk queries run on PostgreSQL once the archive is large.

Each page is requested once over an archive of a few thousand stories with the planner's
statistics up to date (as after ``load_demo``, which runs ANALYZE), and every query it made is
explained. None may read the whole articles table or the tag tables, and the main query of each
page must use the index that keeps its cost flat as the archive grows. Timings belong to the
benchmark; these tests pin the plans.
"""

import datetime
import random
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from taggit.models import Tag

from articles import related
from articles.models import Article, ArticleAuthor, TaggedArticle
from articles.pagination import encode_cursor
from articles.related import RELATED_LIMIT
from articles.search import SEARCH_CANDIDATES
from articles.search_documents import refresh_search_documents
from articles.tests.factories import ArticleFactory, SectionFactory
from authors.tests.factories import AuthorFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ARCHIVE_SIZE = 3000
# The Ukrainian edition beside it: 60/40.
UKRAINIAN_SIZE = 2000
# Years of tagging leave thousands of tags, most of them on few stories.
TAG_COUNT = 20000
WHOLE_TABLE_READS = re.compile(
    r"Seq Scan on (articles_article|taggit_tag|articles_taggedarticle)\b"
)
WORDS = (
    "Russia Ukraine sanctions grain port drones energy grid council election budget court "
    "frontline refugees weapons talks shelling harvest winter school hospital railway bridge"
).split()
UKRAINIAN_WORDS = (
    "Росія Україна санкції зерно порт дрони енергетика мережа рада вибори бюджет суд фронт "
    "біженці зброя переговори обстріли урожай зима школа лікарня залізниця міст дронів Росії"
).split()


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """A seed story among thousands of others, with tags and bylines, then ANALYZE.

    Built once for the module and committed, since ANALYZE only sees committed rows the way a
    live database has them; the tables are emptied again afterwards.
    """
    # On SQLite the postgres marker skips the tests before this runs (conftest.py).
    with django_db_blocker.unblock():
        yield build_archive()
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE articles_article, articles_section, taggit_tag, authors_author CASCADE"
            )


def build_archive():
    rng = random.Random(11)
    sections = [SectionFactory(name=f"Desk {n}", slug=f"desk-{n}") for n in range(6)]
    authors = [AuthorFactory() for _ in range(12)]
    tags = Tag.objects.bulk_create(
        Tag(name=f"Topic {n}", slug=f"topic-{n}") for n in range(TAG_COUNT)
    )
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            headline=" ".join(rng.sample(WORDS, 6)).capitalize(),
            slug=f"archive-story-{n}",
            dek=" ".join(rng.sample(WORDS, 10)),
            body="".join(f"<p>{' '.join(rng.choices(WORDS, k=40))}.</p>" for _ in range(4)),
            section=sections[n % len(sections)],
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(hours=2 + ARCHIVE_SIZE - n),
        )
        for n in range(ARCHIVE_SIZE)
    )
    articles += Article.objects.bulk_create(
        Article(
            language="uk",
            headline=" ".join(rng.sample(UKRAINIAN_WORDS, 6)).capitalize(),
            slug=f"arkhiv-{n}",
            dek=" ".join(rng.sample(UKRAINIAN_WORDS, 10)),
            body="".join(
                f"<p>{' '.join(rng.choices(UKRAINIAN_WORDS, k=40))}.</p>" for _ in range(4)
            ),
            section=sections[n % len(sections)],
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(hours=2 + UKRAINIAN_SIZE - n, minutes=7),
        )
        for n in range(UKRAINIAN_SIZE)
    )
    # A few popular tags and a long tail, as a newsroom's tags are.
    popular = tags[:12]
    # bulk_create skips save(), which copies the story's edition into its entries.
    TaggedArticle.objects.bulk_create(
        TaggedArticle(
            content_object=article,
            tag=tag,
            published_at=article.published_at,
            language=article.language,
        )
        for article in articles
        for tag in {rng.choice(popular), rng.choice(tags)}
    )
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(
            article=article,
            author=rng.choice(authors),
            published_at=article.published_at,
            language=article.language,
        )
        for article in articles
    )
    refresh_search_documents(Article.objects.all())
    seed = ArticleFactory(
        headline="North Korea sends workers to Russia",
        section=sections[0],
        # The newest story, whichever tests ran before: the factory's default publish time
        # moves back a minute with every article made in the session.
        published_at=now - datetime.timedelta(minutes=30),
        # The article's own caption: the words search must find, with no upload to store.
        lead_image_caption="Kim Jong Un walks with Vladimir Putin in Pyongyang.",
        authors=[authors[0]],
        tags=[popular[0].name, popular[1].name, tags[200].name],
        related=[articles[-3]],
    )
    # Stories sharing two of its tags, enough to fill Read more on their own; the tail of
    # stories sharing one tag is then never looked up.
    for n in range(3 * RELATED_LIMIT):
        ArticleFactory(
            section=sections[1],
            tags=[popular[0].name, popular[1].name],
            published_at=now - datetime.timedelta(minutes=90 + n),
        )
    ukrainian_seed = ArticleFactory(
        language="uk",
        headline="Дрони атакували Нікополь",
        section=sections[0],
        published_at=now - datetime.timedelta(minutes=20),
        authors=[authors[0]],
        # One tag shared with the seed: Read more's walk stays as the seed's tests count it.
        tags=[popular[0].name, tags[201].name],
    )
    with connection.cursor() as cursor:
        # As autovacuum leaves a live database: the GIN index's pending entries merged, the
        # visibility map set and statistics for the planner.
        cursor.execute("SELECT gin_clean_pending_list('article_search_vector'::regclass)")
        cursor.execute("VACUUM ANALYZE")
    return {
        "seed": seed,
        "ukrainian_seed": ukrainian_seed,
        "tag": popular[0],
        "rare_tag": tags[200],
        "ukrainian_rare_tag": tags[201],
        "author": authors[0],
    }


def explained_queries(client, url):
    """The page's response and (sql, plan) for every SELECT it ran."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    explained = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN {sql}")
            explained.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    return response, explained


def assert_flat_plans(explained, *indexes):
    """No query reads a whole table of articles or tags; each index is used by some query."""
    for sql, plan in explained:
        assert not WHOLE_TABLE_READS.search(plan), f"{sql}\n\n{plan}"
    plans = "\n".join(plan for _, plan in explained)
    for index in indexes:
        # A name may be a prefix: Django suffixes some index names with a hash.
        assert f" using {index}" in plans or f" on {index}" in plans, f"{index} unused:\n{plans}"


def test_feed(client, archive):
    response, explained = explained_queries(client, reverse("frontpage:front"))
    assert archive["seed"].headline in response.text
    assert_flat_plans(explained, "article_visible_newest")


def test_section_page(client, archive):
    section = archive["seed"].section
    response, explained = explained_queries(client, section.get_absolute_url())
    assert archive["seed"].headline in response.text
    assert_flat_plans(explained, "article_section_newest")


# A tag on one story in twelve and one on a handful: both read newest first from the tag's own
# (tag, published_at, article) entries, each joined to its story, until a page is full.
@pytest.mark.parametrize("which", ["tag", "rare_tag"])
def test_tag_page(client, archive, which):
    tag = archive[which]
    response, explained = explained_queries(client, reverse("articles:tag", args=[tag.slug]))
    assert archive["seed"].headline in response.text
    assert_flat_plans(explained, "tagged_article_newest")
    if which == "tag":
        assert_expects_a_full_page(explained, "articles_taggedarticle")


def assert_expects_a_full_page(explained, entries_table):
    """The planner expects the walk to fill the page soon. Misjudged (it once took the
    entries' copy of the publish time for a rare match), it costs every row of the list, and
    at 100,000 stories it chose parallel workers for each reader's request."""
    (plan,) = [plan for sql, plan in explained if entries_table in sql and "LIMIT 21" in sql]
    assert re.match(r"Limit .* rows=21 ", plan), plan


def test_tag_page_continued_seeks_in_the_tags_index(client, archive):
    """Deep in a tag's list, the cursor is a condition of the index scan, not a filter."""
    tag = archive["tag"]
    oldest = Article.objects.published().listed_under("tagged_items", tag=tag).newest_first()
    cursor = encode_cursor(oldest.reverse()[10])
    url = f"{reverse('articles:tag', args=[tag.slug])}?before={cursor}"
    response, explained = explained_queries(client, url)
    assert response.text.count('<article class="card') == 10
    (page_plan,) = [
        plan for sql, plan in explained if "articles_taggedarticle" in sql and "LIMIT 21" in sql
    ]
    assert re.search(r"tagged_article_newest .*\n +Index Cond: .*published_at <= ", page_plan), (
        page_plan
    )


def test_author_page(client, archive):
    response, explained = explained_queries(client, archive["author"].get_absolute_url())
    assert archive["seed"].headline in response.text
    assert_flat_plans(explained, "byline_newest")
    assert_expects_a_full_page(explained, "articles_articleauthor")


def test_article_page_and_its_read_more(client, archive):
    response, explained = explained_queries(client, archive["seed"].get_absolute_url())
    assert "Read more" in response.text
    # The article by its slug, then Read more's walk down each tag's newest entries.
    assert_flat_plans(explained, "articles_article_slug", "tagged_article_newest")


def test_read_more_looks_up_only_the_stories_it_can_list(archive):
    """Hundreds of stories share one tag with the seed; only the best few are read."""
    with CaptureQueriesContext(connection) as captured:
        related.picked_and_ranked_ids(archive["seed"], limit=RELATED_LIMIT)
    (statement,) = [query["sql"] for query in captured if "relatedarticle" in query["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}")
        (plan,) = cursor.fetchone()[0]
    article_reads = sum(
        node["Actual Loops"]
        for node in plan_nodes(plan["Plan"])
        if node.get("Relation Name") == "articles_article"
    )
    # The 15 stories sharing two tags, and the first of the next group, which ends theirs.
    assert 0 < article_reads <= 3 * RELATED_LIMIT + 1, article_reads


def plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def test_search(client, archive):
    url = reverse("articles:search") + "?q=Kim+Jong+Un"
    response, explained = explained_queries(client, url)
    assert archive["seed"].headline in response.text
    assert_flat_plans(explained, "article_search_vector")


def test_search_for_a_common_word_ranks_a_bounded_set(client, archive):
    url = reverse("articles:search") + "?q=russia+sanctions"
    response, explained = explained_queries(client, url)
    assert response.context["paginator"].count <= SEARCH_CANDIDATES
    assert_flat_plans(explained)
    ranked = [plan for sql, plan in explained if "ts_rank" in sql]
    assert ranked and all("Limit" in plan for plan in ranked)


def test_sitemap_index(client, archive):
    _, explained = explained_queries(client, reverse("articles:sitemap"))
    assert_flat_plans(explained, "article_lastmod", "articles_article_pkey")


@pytest.mark.parametrize(
    "section, index",
    [
        ("articles", "articles_article_pkey"),
        # Each listed section's, tag's or author's newest story, from the top of its own list.
        ("sections", "article_section_newest"),
        ("tags", "tagged_article_newest"),
        ("authors", "byline_newest"),
    ],
)
def test_each_sitemap(client, archive, section, index):
    url = reverse("articles:sitemap_section", kwargs={"section": section})
    _, explained = explained_queries(client, url)
    assert_flat_plans(explained, index)


@pytest.mark.parametrize("section", ["articles", "sections", "tags", "authors"])
def test_another_editions_sitemaps(client, archive, section):
    """The archive is the default edition's: another edition's sitemaps find their few rows
    and each listed row's versions from indexes, never by reading every story."""
    _, explained = explained_queries(client, f"/uk/sitemap-{section}.xml")
    assert_flat_plans(explained)


@pytest.mark.parametrize(
    "path, index",
    [
        ("/feeds/rss/", "article_visible_newest"),
        ("/feeds/sections/desk-0/rss/", "article_section_newest"),
        ("/feeds/tags/topic-0/atom/", "tagged_article_newest"),
        ("/uk/feeds/rss/", "article_visible_newest"),
    ],
)
def test_each_feed(client, archive, path, index):
    response, explained = explained_queries(client, path)
    if not path.startswith("/uk/"):
        assert archive["seed"].headline in response.text
    assert_flat_plans(explained, index)


def test_an_authors_feed(client, archive):
    author = archive["author"]
    response, explained = explained_queries(client, f"/feeds/authors/{author.slug}/rss/")
    assert archive["seed"].headline in response.text
    assert_flat_plans(explained, "byline_newest")


def test_news_sitemap(client, archive):
    response, explained = explained_queries(client, reverse("articles:news_sitemap"))
    assert archive["seed"].headline in response.text
    assert_flat_plans(explained, "article_visible_newest")


@pytest.fixture
def desk(client):
    client.force_login(User.objects.create_superuser("chief", "chief@example.com", "pw"))
    return client


def test_desk_article_list_reads_no_bodies(desk, archive):
    response, explained = explained_queries(desk, reverse("admin:articles_article_changelist"))
    assert archive["seed"].headline in response.text
    assert_flat_plans(explained, "article_desk_recent")
    listing = [sql for sql, _ in explained if "ORDER BY" in sql and "updated_at" in sql]
    assert listing and all('"articles_article"."body"' not in sql for sql in listing)


def test_desk_search_and_pickers_use_the_search_index(desk, archive):
    url = reverse("admin:articles_article_changelist") + "?q=Pyongyang"
    response, explained = explained_queries(desk, url)
    assert archive["seed"].headline in response.text
    assert_flat_plans(explained, "article_search_vector")

    picker = reverse("admin:autocomplete") + (
        "?app_label=articles&model_name=relatedarticle&field_name=to_article&term=Pyongyang"
    )
    response, explained = explained_queries(desk, picker)
    assert archive["seed"].headline in response.text
    assert_flat_plans(explained, "article_search_vector")
    assert all('"articles_article"."body"' not in sql for sql, _ in explained)


# The Ukrainian edition: its pages read the same indexes, which lead with the language.


def in_ukrainian(view, *args):
    with translation.override("uk"):
        return reverse(view, args=args)


def test_ukrainian_front(client, archive):
    response, explained = explained_queries(client, in_ukrainian("frontpage:front"))
    assert archive["ukrainian_seed"].headline in response.text
    assert archive["seed"].headline not in response.text
    assert_flat_plans(explained, "article_visible_newest")


def test_ukrainian_section_page(client, archive):
    section = archive["ukrainian_seed"].section
    response, explained = explained_queries(client, in_ukrainian("articles:section", section.slug))
    assert archive["ukrainian_seed"].headline in response.text
    assert archive["seed"].headline not in response.text
    assert_flat_plans(explained, "article_section_newest")


@pytest.mark.parametrize("which", ["tag", "ukrainian_rare_tag"])
def test_ukrainian_tag_page(client, archive, which):
    url = in_ukrainian("articles:tag", archive[which].slug)
    response, explained = explained_queries(client, url)
    assert archive["ukrainian_seed"].headline in response.text
    assert archive["seed"].headline not in response.text
    assert_flat_plans(explained, "tagged_article_newest")
    if which == "tag":
        assert_expects_a_full_page(explained, "articles_taggedarticle")


def test_ukrainian_search(client, archive):
    # Another form of the headline's word, found by its stem as a prefix.
    url = in_ukrainian("articles:search") + "?q=Нікополі"
    response, explained = explained_queries(client, url)
    assert [a.pk for a in response.context["page"].object_list] == [archive["ukrainian_seed"].pk]
    assert_flat_plans(explained, "article_search_vector")


def test_ukrainian_search_for_common_words_ranks_a_bounded_set(client, archive):
    url = in_ukrainian("articles:search") + "?q=санкції+Росії"
    response, explained = explained_queries(client, url)
    assert 0 < response.context["paginator"].count <= SEARCH_CANDIDATES
    assert all(a.language == "uk" for a in response.context["page"].object_list)
    assert_flat_plans(explained)
    ranked = [plan for sql, plan in explained if "ts_rank" in sql]
    assert ranked and all("Limit" in plan for plan in ranked)
