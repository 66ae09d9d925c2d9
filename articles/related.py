"""Ranking for an article's "Read more": the editor's picks first, then stories sharing tags.

Counting shared tags over every article makes an article page slower as the archive grows. The
ranking instead looks only at the latest few hundred visible articles written with each of the
article's tags: a backward walk of the ``tagged_article_by_tag`` index, (tag, article id), that
stops after ``CANDIDATES_PER_TAG`` rows, so it reads as much at 100,000 articles as at 1,000.
Those candidates are ranked by shared tags, then recency.

It is one statement of plain SQL, one block per tag: compiling a queryset per tag on every
article page cost more than running them. The statement only proposes ids; the page still
fetches them through ``Article.objects.published()``, which has the last word on visibility.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from articles.models import Article, RelatedArticle, TaggedArticle

RELATED_LIMIT = 5
CANDIDATES_PER_TAG = 300
MAX_TAGS_CONSIDERED = 12


def editor_pick_ids(article):
    return list(
        RelatedArticle.objects.filter(from_article=article)
        .order_by("position", "id")
        .values_list("to_article_id", flat=True)
    )


def _candidates_sql(exclude_count):
    """The latest visible articles of one tag, besides ``exclude_count`` excluded ids."""
    quote = connection.ops.quote_name
    article, tagged = Article._meta, TaggedArticle._meta
    a, t = quote(article.db_table), quote(tagged.db_table)
    article_id = f"{t}.{quote(tagged.get_field('content_object').column)}"
    excluded = ", ".join(["%s"] * exclude_count)
    # The visibility test of Article.objects.published(), as a cheap first filter.
    return (
        f"SELECT * FROM (SELECT {article_id} AS candidate_id, {a}.published_at AS newest "
        f"FROM {t} INNER JOIN {a} ON {a}.id = {article_id} "
        f"WHERE {t}.{quote(tagged.get_field('tag').column)} = %s "
        f"AND {article_id} NOT IN ({excluded}) "
        f"AND {a}.status = %s AND {a}.published_at <= %s "
        f"AND ({a}.embargo_until IS NULL OR {a}.embargo_until <= %s) "
        f"ORDER BY {article_id} DESC LIMIT %s) AS tag_candidates"
    )


def ids_sharing_tags(article, *, exclude_ids, limit):
    """Ids of visible articles sharing the most tags with ``article``, newest first on ties."""
    tag_ids = sorted(tag.pk for tag in article.tags.all())[:MAX_TAGS_CONSIDERED]
    if not tag_ids or limit <= 0:
        return []
    exclude_ids = list(dict.fromkeys(exclude_ids)) or [0]
    now = timezone.now()
    per_tag = _candidates_sql(len(exclude_ids))
    params = []
    for tag_id in tag_ids:
        params += [tag_id, *exclude_ids, Article.Status.PUBLISHED, now, now, CANDIDATES_PER_TAG]
    # One statement whatever the number of tags, so the page's query count stays fixed.
    ranking_sql = (
        "SELECT candidate_id, COUNT(*) AS shared, MAX(newest) AS newest "
        f"FROM ({' UNION ALL '.join([per_tag] * len(tag_ids))}) AS candidates "
        "GROUP BY candidate_id ORDER BY shared DESC, newest DESC, candidate_id DESC "
        "LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(ranking_sql, [*params, limit])
        return [row[0] for row in cursor.fetchall()]


def related_articles(article, limit=RELATED_LIMIT):
    """Picks first, then ranked stories; each marked with ``is_editor_pick``."""
    pick_ids = [pk for pk in editor_pick_ids(article) if pk != article.pk]
    ranked_ids = ids_sharing_tags(article, exclude_ids=[article.pk, *pick_ids], limit=limit)
    wanted_ids = [*pick_ids, *ranked_ids]
    found = (
        Article.objects.published()
        .select_related("section", "lead_image")
        .defer("body", "search_document")
        .in_bulk(wanted_ids)
    )
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
