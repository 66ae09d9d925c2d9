import datetime
import io
import time
from email.utils import parsedate_to_datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Article
from articles.tests.factories import ArticleFactory, draft
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def uses_redis(cache):
    return isinstance(cache, RedisCache)


def test_second_anonymous_request_is_a_hit_with_the_same_page(client, page_cache):
    ArticleFactory(headline="Parliament passes the budget")
    first = client.get("/")
    second = client.get("/")
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.status_code == 200
    assert "Parliament passes the budget" in second.content.decode()
    assert second.content == first.content


def test_a_hit_skips_the_database_where_redis_holds_the_versions(
    client, page_cache, django_assert_num_queries
):
    ArticleFactory()
    client.get("/")
    # Without Redis one query checks the entry's keys against the versions table.
    with django_assert_num_queries(0 if uses_redis(page_cache) else 1):
        response = client.get("/")
    assert response["X-Cache"] == "hit"


def test_a_hit_loads_no_session(client, page_cache, monkeypatch):
    ArticleFactory()
    client.get("/")
    from django.contrib.sessions.middleware import SessionMiddleware

    def refuse(*args, **kwargs):
        raise AssertionError("the session middleware ran on a hit")

    monkeypatch.setattr(SessionMiddleware, "process_request", refuse)
    assert client.get("/")["X-Cache"] == "hit"


def test_tracking_and_unknown_parameters_share_the_entry(client, page_cache):
    ArticleFactory()
    client.get("/")
    shared = client.get("/?utm_source=x&utm_campaign=y&fbclid=abc&whatever=1")
    assert shared["X-Cache"] == "hit"
    assert client.get("/?q=x")["X-Cache"] == "miss"


def test_a_cursor_page_has_its_own_entry(client, page_cache):
    for _ in range(30):  # the front's top five, then a page of twenty and more
        ArticleFactory()
    first_page = client.get("/")
    cursor = first_page.context["page"].next_cursor
    assert client.get(f"/?before={cursor}")["X-Cache"] == "miss"
    again = client.get(f"/?before={cursor}&utm_medium=social")
    assert again["X-Cache"] == "hit"
    assert again.content != first_page.content


def test_a_flood_of_cursors_is_not_stored_and_keeps_the_front_page(client, page_cache, settings):
    settings.NEWSROOM_PAGE_CACHE_QUERY_BUDGET = 5
    ArticleFactory()
    client.get("/")
    for number in range(20):
        response = client.get(f"/?before={10**12 + number}-{number}")
        assert response.status_code == 200
    # Past the budget, made-up positions are rendered but not kept, here or at the edge.
    flooded = client.get(f"/?before={10**12 + 19}-19")
    assert flooded["X-Cache"] == "miss"
    assert flooded["Cache-Control"] == "no-cache"
    assert client.get("/")["X-Cache"] == "hit"
    assert "s-maxage" in client.get("/")["Cache-Control"]


def test_signed_in_readers_get_private_uncached_pages(client, page_cache):
    ArticleFactory()
    client.get("/")
    staff = User.objects.create_user("desk", password="pw", is_staff=True)
    client.force_login(staff)
    response = client.get("/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "xkey" not in response


def test_no_cookie_or_csrf_token_lands_in_a_cached_page(client, page_cache):
    ArticleFactory()
    for path in ("/", "/search/?q=budget", "/feeds/rss/", "/sitemap.xml"):
        client.get(path)
        response = client.get(path)
        assert response["X-Cache"] == "hit", path
        assert not response.cookies, path
        assert b"csrfmiddlewaretoken" not in response.content, path
        assert "Cookie" not in response["Vary"], path


def test_admin_previews_and_posts_are_never_cached(client, page_cache, editor):
    article = draft()
    client.force_login(editor)
    client.get(f"/preview/article/{article.pk}/")
    client.logout()
    for path in ("/admin/login/", f"/preview/article/{article.pk}/"):
        client.get(path)
        assert "X-Cache" not in client.get(path), path
    response = client.post("/search/", {"q": "x"})
    assert "X-Cache" not in response


def test_conditional_requests_get_304_from_the_cache_and_without_it(client, page_cache):
    ArticleFactory()
    first = client.get("/")
    etag = first["ETag"]
    revalidated = client.get("/", headers={"if-none-match": etag})
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == etag
    assert revalidated.content == b""
    assert client.get("/", headers={"if-none-match": '"other"'}).status_code == 200


def test_a_page_is_dated_by_its_content_or_not_at_all(client, page_cache):
    """The time a worker rendered a page is no date of its content: the front sends none, and
    a date sent after the page was rendered still answers 200; the stories sitemap is dated by its
    newest story, from the cache as from the view."""
    ArticleFactory(revised_at=timezone.now() - datetime.timedelta(days=3))
    front = client.get("/")
    assert "Last-Modified" not in front
    soon = http_date(time.time() + 60)
    assert client.get("/", headers={"if-modified-since": soon}).status_code == 200
    sitemap = "/sitemap-articles.xml"
    first, cached = client.get(sitemap), client.get(sitemap)
    assert cached["X-Cache"] == "hit"
    assert first["Last-Modified"] == cached["Last-Modified"]
    dated = parsedate_to_datetime(cached["Last-Modified"])
    assert timezone.now() - dated > datetime.timedelta(days=2)
    since = {"if-modified-since": cached["Last-Modified"]}
    assert client.get(sitemap, headers=since).status_code == 304


def test_shared_caches_keep_pages_browsers_revalidate(client, page_cache, settings):
    author = AuthorFactory()
    ArticleFactory(authors=[author])
    response = client.get(author.get_absolute_url())
    directives = dict(
        (part.strip().split("=") + [""])[:2] for part in response["Cache-Control"].split(",")
    )
    assert "public" in directives
    assert directives["max-age"] == "0"
    assert 0 < int(directives["s-maxage"]) <= settings.NEWSROOM_PAGE_CACHE_SECONDS
    assert int(directives["stale-if-error"]) > 0
    assert response["Vary"] == "Accept-Encoding"
    assert f"author-{author.pk}" in response["xkey"].split()
    assert f"author-{author.pk}" in response["Surrogate-Key"].split()
    assert f"author-{author.pk}" in response["Cache-Tag"].split(",")


def test_lifetime_and_stale_window_end_at_the_next_go_live(client, page_cache):
    # The clock stands still, so the lifetime is exactly the wait for the go-live.
    with time_machine.travel(NOW, tick=False):
        ArticleFactory()
        ArticleFactory(published_at=NOW + datetime.timedelta(seconds=90))
        response = client.get("/")
    directives = response["Cache-Control"]
    seconds = int(directives.split("s-maxage=")[1].split(",")[0])
    assert seconds == 90
    assert "stale-while-revalidate" not in directives


def test_page_cache_off_caches_nothing(client, page_cache, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    ArticleFactory()
    client.get("/")
    response = client.get("/")
    assert "X-Cache" not in response
    assert response["Cache-Control"] == "no-cache"
    assert client.get("/", headers={"if-none-match": response["ETag"]}).status_code == 304


def test_uncached_compressed_pages_keep_their_validator_and_answer_304(
    client, page_cache, settings
):
    # Django pads every gzipped response with random bytes, so a validator taken from the
    # compressed bytes changed on each render and a reader's browser never got a 304.
    settings.NEWSROOM_PAGE_CACHE = False
    ArticleFactory()
    gzip_accepted = {"accept-encoding": "gzip"}
    first = client.get("/", headers=gzip_accepted)
    second = client.get("/", headers=gzip_accepted)
    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    assert first.content != second.content
    assert first["ETag"] == second["ETag"]
    # The same page, compressed or not: one weak validator.
    assert first["ETag"] == client.get("/")["ETag"]
    assert first["ETag"].startswith("W/")
    revalidated = client.get("/", headers={**gzip_accepted, "if-none-match": first["ETag"]})
    assert revalidated.status_code == 304
    assert revalidated.content == b""


def test_a_missing_page_is_not_cached(client, page_cache):
    assert client.get("/news/nothing-here/").status_code == 404
    response = client.get("/news/nothing-here/")
    assert "X-Cache" not in response
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_purge_pages_drops_every_cached_page(client, page_cache):
    from django.core.management import call_command

    story = ArticleFactory(headline="Written past save")
    for path in ("/", story.get_absolute_url(), "/sitemap.xml"):
        client.get(path)
    Article.objects.filter(pk=story.pk).update(headline="Changed in bulk")
    assert "Written past save" in client.get(story.get_absolute_url()).content.decode()
    call_command("purge_pages", stdout=io.StringIO())
    for path in ("/", story.get_absolute_url(), "/sitemap.xml"):
        assert client.get(path)["X-Cache"] == "miss", path
    assert "Changed in bulk" in client.get(story.get_absolute_url()).content.decode()


def test_head_is_answered_from_the_entry_a_get_made(client, page_cache):
    ArticleFactory()
    get = client.get("/")
    head = client.head("/")
    assert head.status_code == 200
    assert head["X-Cache"] == "hit"
    assert head["ETag"] == get["ETag"]
    assert head.content == b""


def test_each_page_of_a_sitemap_has_its_own_entry(client, page_cache, monkeypatch):
    """Django's sitemaps page with ``?p=``: sharing one entry hid all but the first page."""
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    stories = [ArticleFactory(slug=f"story-{number}") for number in range(4)]
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-articles.xml?p=2" in index

    first = client.get("/sitemap-articles.xml")
    second = client.get("/sitemap-articles.xml", {"p": "2"})
    assert second.status_code == 200
    assert second["X-Cache"] == "miss"
    assert stories[2].slug in second.content.decode()
    assert stories[2].slug not in first.content.decode()
    assert client.get("/sitemap-articles.xml", {"p": "2"})["X-Cache"] == "hit"
    assert client.get("/sitemap-articles.xml", {"p": "9"}).status_code == 404
