"""Ranking for an article's "Read more": the editor's picks first, then stories sharing tags.

Counting shared tags over every article makes an article page slower as the archive grows. The
ranking instead looks only at the latest few hundred stories published with each of the
article's tags in its edition: a walk down the ``tagged_article_newest`` index, (tag, edition,
publish time, article), from now back, that stops after ``CANDIDATES_PER_TAG`` rows, so it reads
as much at 100,000 articles as at 1,000. The walk reads the index alone. Those candidates are
ranked by shared tags, then by publication time. Only the stories with the most shared tags are
looked up, to check that readers can see them and to compare their times: the lookups stop once
the list is full with stories sharing as many tags as the last one listed (on PostgreSQL an
incremental sort, most shared tags first).

It is one statement of plain SQL, the editor's picks and then one block per tag: compiling a
queryset per tag on every article page cost more than running them. The statement only
proposes ids; the page still fetches them through ``Article.objects.published()``, which has the
last word on visibility.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from articles.editions import with_section_names
from articles.models import Article, RelatedArticle, TaggedArticle
from articles.translations import section_name

RELATED_LIMIT = 5
CANDIDATES_PER_TAG = 300
MAX_TAGS_CONSIDERED = 12


def _candidates_sql():
    """The latest articles published with one tag besides the article itself, as their tag
    entries' copy of the publish time has it; visible or not (drafts have no publish time)."""
    quote = connection.ops.quote_name
    tagged = TaggedArticle._meta
    article_id = quote(tagged.get_field("content_object").column)
    published_at = quote(tagged.get_field("published_at").column)
    return (
        f"SELECT * FROM (SELECT {article_id} AS candidate_id FROM {quote(tagged.db_table)} "
        f"WHERE {quote(tagged.get_field('tag').column)} = %s "
        f"AND {quote(tagged.get_field('language').column)} = %s AND {published_at} <= %s "
        f"AND {article_id} <> %s ORDER BY {published_at} DESC, {article_id} DESC LIMIT %s) "
        "AS tag_candidates"
    )


def _ranking_sql(tag_count):
    """Candidates readers can see, by shared tags then recency, as rows of the ranking."""
    quote = connection.ops.quote_name
    a = quote(Article._meta.db_table)
    candidates = " UNION ALL ".join([_candidates_sql()] * tag_count)
    # Sorted by shared tags first, so that the visibility test of Article.objects.published()
    # runs only on as many candidates as the list needs.
    return (
        f"SELECT * FROM (SELECT ranked.candidate_id, 0, -ranked.shared, {a}.published_at, "
        "-ranked.candidate_id FROM (SELECT candidate_id, COUNT(*) AS shared "
        f"FROM ({candidates}) AS candidates GROUP BY candidate_id ORDER BY shared DESC) AS ranked "
        f"INNER JOIN {a} ON {a}.id = ranked.candidate_id "
        f"WHERE {a}.status = %s AND {a}.language = %s AND {a}.published_at <= %s "
        f"AND ({a}.embargo_until IS NULL OR {a}.embargo_until <= %s) "
        f"ORDER BY ranked.shared DESC, {a}.published_at DESC, ranked.candidate_id DESC "
        "LIMIT %s) AS ranking"
    )


def _picks_sql():
    """The editor's picks as rows of the ranking: id, 1 (a pick), position, no recency, link."""
    quote = connection.ops.quote_name
    related = RelatedArticle._meta
    to_article, from_article = (
        quote(related.get_field(name).column) for name in ("to_article", "from_article")
    )
    return (
        f"SELECT {to_article}, 1, position, NULL, id FROM {quote(related.db_table)} "
        f"WHERE {from_article} = %s AND {to_article} <> %s"
    )


def picked_and_ranked_ids(article, *, limit):
    """The editor's picks in their order, and the ids of up to ``limit`` other visible
    articles sharing the most tags with ``article`` (newest first on ties), in one statement
    whatever the tag count.

    The ranking does not know the picks, so it proposes ``limit`` more: only the first
    ``limit`` picks can be shown, and each of those can take at most one ranked place.
    """
    tag_ids = sorted(tag.pk for tag in article.tags.all())[:MAX_TAGS_CONSIDERED]
    now = timezone.now()
    # Each row: id, whether it is a pick, then its sort keys (position, or shared tags and
    # recency); the two kinds keep their own order, picks first.
    sql = _picks_sql()
    params = [article.pk, article.pk]
    if tag_ids:
        sql += f" UNION ALL {_ranking_sql(len(tag_ids))}"
        for tag_id in tag_ids:
            params += [tag_id, article.language, now, article.pk, CANDIDATES_PER_TAG]
        params += [Article.Status.PUBLISHED, article.language, now, now, 2 * limit]
    sql = f"SELECT * FROM ({sql}) AS read_more ORDER BY 2 DESC, 3, 4 DESC, 5"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    pick_ids = [row[0] for row in rows if row[1]]
    ranked_ids = [row[0] for row in rows if not row[1] and row[0] not in pick_ids]
    return pick_ids, ranked_ids[:limit]


def related_articles(article, limit=RELATED_LIMIT):
    """Picks first, then ranked stories; each marked with ``is_editor_pick``."""
    pick_ids, ranked_ids = picked_and_ranked_ids(article, limit=limit)
    wanted_ids = [*pick_ids, *ranked_ids]
    # Only the story's own edition: a pick in another language is not offered to its readers.
    stories = Article.objects.published().in_edition(article.language).for_read_more()
    found = with_section_names(stories, article.language).in_bulk(wanted_ids)
    related = [found[pk] for pk in wanted_ids if pk in found][:limit]
    for candidate in related:
        candidate.is_editor_pick = candidate.pk in pick_ids
        candidate.section.name = section_name(candidate.section, article.language)
    return related


@dataclass(frozen=True)
class ReadMore:
    """The editor's first pick goes inside the body (as on the seed page); the rest at the end."""

    inline: Article | None
    listed: list


def read_more(article):
    related = related_articles(article)
    if related and related[0].is_editor_pick:
        return ReadMore(inline=related[0], listed=related[1:])
    return ReadMore(inline=None, listed=related)
