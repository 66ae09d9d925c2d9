"""Several instances: no process serves a page another one's change made stale."""

import socket

import pytest
from django.core.cache import caches

from articles.models import Article
from articles.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LOCAL_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"},
    "instance-b": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "b"},
}


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_two_local_caches_never_serve_a_page_the_other_made_stale(client, settings, page_cache):
    settings.CACHES = LOCAL_CACHES
    story = ArticleFactory(headline="Before the edit")

    def as_instance(alias):
        settings.NEWSROOM_PAGE_CACHE_ALIAS = alias
        return client.get(story.get_absolute_url())

    for alias in ("default", "instance-b"):
        as_instance(alias)
        assert as_instance(alias)["X-Cache"] == "hit"
    settings.NEWSROOM_PAGE_CACHE_ALIAS = "default"
    story = Article.objects.get(pk=story.pk)
    story.headline = "After the edit"
    story.save()
    for alias in ("instance-b", "default"):
        response = as_instance(alias)
        assert response["X-Cache"] == "miss", alias
        assert "After the edit" in response.content.decode(), alias
    assert caches["instance-b"] is not caches["default"]


def test_with_redis_down_pages_render_uncached_and_the_desk_saves(client, settings, page_cache):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    story = ArticleFactory(headline="Still readable")
    for path in ("/", story.get_absolute_url(), "/feeds/rss/", "/sitemap.xml"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "X-Cache" not in response
        assert response["Cache-Control"] == "no-cache"
    story.headline = "Saved anyway"
    story.save()
    assert Article.objects.get(pk=story.pk).headline == "Saved anyway"
    assert "Saved anyway" in client.get(story.get_absolute_url()).content.decode()
