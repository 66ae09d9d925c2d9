import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import publishing
from articles.models import Article
from articles.tests.factories import ArticleFactory, draft, in_review, scheduled

NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db


def stored(article):
    return Article.objects.values_list("status", "published_at").get(pk=article.pk)


def test_only_editors_can_publish(journalist, editor):
    assert publishing.can_publish(editor) is True
    assert publishing.can_publish(journalist) is False


def test_journalist_submits_a_draft_for_review(journalist):
    article = draft(created_by=journalist)

    publishing.submit_for_review(article=article, user=journalist)

    assert stored(article) == (Article.Status.IN_REVIEW, None)


def test_journalist_cannot_submit_someone_elses_draft(journalist):
    article = draft()

    with pytest.raises(PermissionDenied):
        publishing.submit_for_review(article=article, user=journalist)

    assert stored(article) == (Article.Status.DRAFT, None)


def test_a_published_article_is_not_submitted_for_review(editor):
    article = ArticleFactory()
    before = stored(article)

    with pytest.raises(ValidationError):
        publishing.submit_for_review(article=article, user=editor)

    assert stored(article) == before


def test_submitting_for_review_needs_the_right_to_change_articles(django_user_model):
    reader = django_user_model.objects.create_user("reader")
    article = draft()

    with pytest.raises(PermissionDenied):
        publishing.submit_for_review(article=article, user=reader)

    assert stored(article) == (Article.Status.DRAFT, None)


@time_machine.travel(NOW, tick=False)
def test_publishing_without_a_time_publishes_now(editor):
    article = in_review()

    publishing.publish_article(article=article, editor=editor)

    assert stored(article) == (Article.Status.PUBLISHED, NOW)
    assert list(Article.objects.published()) == [article]


def test_publishing_at_a_future_time_schedules(editor):
    at = timezone.now() + datetime.timedelta(hours=3)
    article = draft()

    publishing.publish_article(article=article, editor=editor, at=at)

    assert stored(article) == (Article.Status.PUBLISHED, at)
    article.refresh_from_db()
    assert article.is_scheduled() is True
    assert list(Article.objects.published()) == []


@pytest.mark.parametrize("make", [ArticleFactory, scheduled], ids=["live", "scheduled"])
def test_unpublishing_returns_the_article_to_draft(editor, make):
    article = make()

    publishing.unpublish_article(article=article, editor=editor)

    assert stored(article) == (Article.Status.DRAFT, None)
    assert list(Article.objects.published()) == []


@pytest.mark.parametrize("make", [draft, in_review, scheduled])
def test_journalist_cannot_publish(journalist, make):
    article = make()
    before = stored(article)

    with pytest.raises(PermissionDenied):
        publishing.publish_article(article=article, editor=journalist)
    with pytest.raises(PermissionDenied):
        publishing.publish_article(
            article=article, editor=journalist, at=timezone.now() + datetime.timedelta(days=1)
        )

    assert stored(article) == before
    assert list(Article.objects.published()) == []


def test_journalist_cannot_unpublish(journalist):
    article = ArticleFactory()
    before = stored(article)

    with pytest.raises(PermissionDenied):
        publishing.unpublish_article(article=article, editor=journalist)

    assert stored(article) == before
    assert list(Article.objects.published()) == [article]
