import datetime

import pytest
from django.utils import timezone

from articles import related
from articles.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_ranks_by_shared_tags_then_recency():
    ArticleFactory(headline="Two tags, older", tags=["war", "energy"], published_at=days_ago(5))
    ArticleFactory(headline="Two tags, newer", tags=["war", "energy"], published_at=days_ago(4))
    ArticleFactory(headline="One tag, newest", tags=["war"], published_at=days_ago(1))
    article = ArticleFactory(tags=["war", "energy"])

    assert [a.headline for a in related.related_articles(article)] == [
        "Two tags, newer",
        "Two tags, older",
        "One tag, newest",
    ]


def test_never_lists_the_article_itself_or_twice():
    pick = ArticleFactory(tags=["war"])
    article = ArticleFactory(tags=["war"], related=[pick])
    listed = related.related_articles(article)
    assert listed == [pick]


def test_looks_only_at_the_newest_articles_per_tag(monkeypatch):
    """An old story sharing every tag is out of reach once newer stories fill each tag's window.

    This is what keeps the article page's cost flat as the archive grows.
    """
    monkeypatch.setattr(related, "CANDIDATES_PER_TAG", 2)
    ArticleFactory(headline="Ancient match", tags=["war", "energy"], published_at=days_ago(400))
    for day in range(1, 3):
        ArticleFactory(headline=f"War {day}", tags=["war"], published_at=days_ago(day))
        ArticleFactory(headline=f"Energy {day}", tags=["energy"], published_at=days_ago(day))
    article = ArticleFactory(tags=["war", "energy"])

    headlines = [a.headline for a in related.related_articles(article)]

    assert "Ancient match" not in headlines
    assert sorted(headlines) == ["Energy 1", "Energy 2", "War 1", "War 2"]


def test_limit_counts_editor_picks_first():
    picks = [ArticleFactory(headline=f"Pick {n}") for n in range(3)]
    for n in range(5):
        ArticleFactory(headline=f"Tagged {n}", tags=["war"])
    article = ArticleFactory(tags=["war"], related=picks)

    headlines = [a.headline for a in related.related_articles(article, limit=4)]

    assert headlines[:3] == ["Pick 0", "Pick 1", "Pick 2"]
    assert len(headlines) == 4
