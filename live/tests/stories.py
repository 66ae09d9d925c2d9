"""Live stories and their updates, as the live tests build them."""

import datetime

from django.utils import timezone

from articles.tests.factories import ArticleFactory
from live.models import LiveUpdate


def live_article(**kwargs):
    started = timezone.now() - datetime.timedelta(hours=2)
    return ArticleFactory(live_started_at=started, **kwargs)


def published_update(article, *, minutes_ago=30, **kwargs):
    update = LiveUpdate.objects.create(
        article=article,
        status=LiveUpdate.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **{"body": "<p>Sirens sounded over the city.</p>", **kwargs},
    )
    return update
