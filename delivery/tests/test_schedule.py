"""A scheduled story appears on time on every cached page, with no worker and no purge."""

import datetime

import pytest
import time_machine
from taggit.models import Tag

from articles.tests.factories import ArticleFactory, SectionFactory
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
GOES_LIVE = NOW + datetime.timedelta(minutes=7)


def test_every_warm_cache_shows_a_scheduled_story_at_its_time(client, page_cache):
    with time_machine.travel(NOW, tick=False):
        section, author = SectionFactory(), AuthorFactory()
        tag = Tag.objects.create(name="Grain", slug="grain")
        ArticleFactory(section=section, authors=[author], tags=[tag], headline="Already out")
        ArticleFactory(
            section=section,
            authors=[author],
            tags=[tag],
            headline="Grain corridor reopens",
            slug="grain-corridor-reopens",
            published_at=GOES_LIVE,
        )
        pages = [
            "/",
            section.get_absolute_url(),
            "/tags/grain/",
            author.get_absolute_url(),
            "/feeds/rss/",
            "/news-sitemap.xml",
            "/sitemap-articles.xml",
        ]
        for path in pages:
            client.get(path)
            warm = client.get(path)
            assert warm["X-Cache"] == "hit", path
            assert "Grain corridor reopens" not in warm.content.decode(), path
            assert "grain-corridor-reopens" not in warm.content.decode(), path
            lifetime = int(warm["Cache-Control"].split("s-maxage=")[1].split(",")[0])
            assert lifetime <= 7 * 60, path

    with time_machine.travel(GOES_LIVE + datetime.timedelta(seconds=1), tick=False):
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, path
            assert "grain-corridor-reopens" in response.content.decode(), path
