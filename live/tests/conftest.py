import datetime

import pytest
from django.utils import timezone

from articles.tests.conftest import desk_user
from articles.tests.factories import ArticleFactory
from authors.models import Author
from delivery.tests.conftest import invalidations, page_cache  # noqa: F401
from live.models import LiveUpdate


def signing(user, name):
    """``user`` with an author profile: what signs their updates when they name nobody."""
    Author.objects.create(name=name, slug=name.lower().replace(" ", "-"), user=user)
    return user


@pytest.fixture
def journalist(db):
    return signing(desk_user("journalist", "Journalists"), "Iryna Kravets")


@pytest.fixture
def other_journalist(db):
    return signing(desk_user("colleague", "Journalists"), "Taras Bondarenko")


@pytest.fixture
def editor(db):
    return signing(desk_user("editor", "Editors"), "Kateryna Hodunova")


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


@pytest.fixture
def story(db):
    return live_article(headline="Shelling of Nikopol", slug="shelling-of-nikopol")


@pytest.fixture
def reporter(db):
    return Author.objects.create(name="Olena Marchenko", slug="olena-marchenko", role="Reporter")
