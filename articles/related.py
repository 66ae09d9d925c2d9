"""Ranking for an article's "Read more": the editor's picks first, then stories sharing tags.

Counting shared tags over every article makes an article page slower as the archive grows. The
ranking instead looks only at the latest few hundred visible articles written with each of the
article's tags: a backward walk of the ``tagged_article_by_tag`` index, (tag, article id), that
stops after ``CANDIDATES_PER_TAG`` rows, so it reads as much at 100,000 articles as at 1,000.
Those candidates are ranked by shared tags, then recency.

It is one statement of plain SQL, the editor's picks and then one block per tag: compiling a
queryset per tag on every article page cost more than running them. The statement only
proposes ids; the page still fetches them through ``Article.objects.published()``, which has the
last word on visibility.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from articles.models import Article, RelatedArticle, TaggedArticle

RELATED_LIMIT = 5
CANDIDATES_PER_TAG = 300
MAX_TAGS_CONSIDERED = 12


def _candidates_sql():
    """The latest visible articles of one tag, besides the article itself."""
    quote = connection.ops.quote_name
    article, tagged = Article._meta, TaggedArticle._meta
    a, t = quote(article.db_table), quote(tagged.db_table)
    article_id = f"{t}.{quote(tagged.get_field('content_object').column)}"
    # The visibility test of Article.objects.published(), as a cheap first filter.
    return (
        f"SELECT * FROM (SELECT {article_id} AS candidate_id, {a}.published_at AS newest "
        f"FROM {t} INNER JOIN {a} ON {a}.id = {article_id} "
        f"WHERE {t}.{quote(tagged.get_field('tag').column)} = %s "
        f"AND {article_id} <> %s "
        f"AND {a}.status = %s AND {a}.published_at <= %s "
        f"AND ({a}.embargo_until IS NULL OR {a}.embargo_until <= %s) "
        f"ORDER BY {article_id} DESC LIMIT %s) AS tag_candidates"
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
        per_tag = _candidates_sql()
        for tag_id in tag_ids:
            params += [tag_id, article.pk, Article.Status.PUBLISHED, now, now, CANDIDATES_PER_TAG]
        sql += (
            " UNION ALL SELECT * FROM (SELECT candidate_id, 0, -COUNT(*), MAX(newest), "
            f"-candidate_id FROM ({' UNION ALL '.join([per_tag] * len(tag_ids))}) AS candidates "
            "GROUP BY candidate_id ORDER BY 3, 4 DESC, 5 LIMIT %s) AS ranked"
        )
        params.append(2 * limit)
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
    # Cards without a byline: Read more names none.
    found = Article.objects.published().for_cards().prefetch_related(None).in_bulk(wanted_ids)
    related = [found[pk] for pk in wanted_ids if pk in found][:limit]
    for candidate in related:
        candidate.is_editor_pick = candidate.pk in pick_ids
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
