"""Ranking for an article's "Read more": the editor's picks first, then stories sharing tags.

Counting shared tags over every article makes an article page slower as the archive grows. The
ranking instead looks only at the newest few hundred visible articles for each of the article's
tags (a bounded read through the tag index) and ranks those by shared tags, then recency.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import F

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


def ids_sharing_tags(article, *, exclude_ids, limit):
    """Ids of visible articles sharing the most tags with ``article``, newest first on ties."""
    tag_ids = sorted(tag.pk for tag in article.tags.all())[:MAX_TAGS_CONSIDERED]
    if not tag_ids or limit <= 0:
        return []
    visible_ids = Article.objects.published().values("pk")
    per_tag_queries = []
    params = []
    for tag_id in tag_ids:
        newest_with_tag = (
            TaggedArticle.objects.filter(tag_id=tag_id, content_object__in=visible_ids)
            .exclude(content_object_id__in=exclude_ids)
            .order_by("-content_object__published_at", "-content_object_id")
            .annotate(candidate_id=F("content_object_id"), newest=F("content_object__published_at"))
            .values_list("candidate_id", "newest")[:CANDIDATES_PER_TAG]
        )
        sql, tag_params = newest_with_tag.query.sql_with_params()
        per_tag_queries.append(f"SELECT * FROM ({sql}) AS tag_{tag_id}")
        params.extend(tag_params)
    # One statement whatever the number of tags, so the page's query count stays fixed.
    ranking_sql = (
        "SELECT candidate_id, COUNT(*) AS shared, MAX(newest) AS newest "
        f"FROM ({' UNION ALL '.join(per_tag_queries)}) AS candidates "
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
    found = Article.objects.published().select_related("section", "lead_image").in_bulk(wanted_ids)
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
