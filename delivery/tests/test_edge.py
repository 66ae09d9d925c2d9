"""Varnish in front of two app instances, as `make edge` runs them (real processes, real ports).

Skipped where varnishd is missing, except when NEWSROOM_REQUIRE_SERVICES=1 (CI). Ports are the
system's free ones, or taken from NEWSROOM_TEST_PORTS (e.g. "8150-8199") on a shared machine.
"""

import http.cookiejar
import http.server
import os
import time
import urllib.parse
import urllib.request

import pytest

from tools import site
from tools.edge import Stack

HEADLINE = "Edge test: parliament votes"
UKRAINIAN_HEADLINE = "Зерно з Одеси вирушило"


def free_ports(count):
    wanted = os.environ.get("NEWSROOM_TEST_PORTS")
    return (
        site.free_ports(count, *map(int, wanted.split("-"))) if wanted else site.free_ports(count)
    )


SETUP_CODE = """
from django.contrib.auth.models import Group, User
from articles.tests.factories import ArticleFactory, draft
editor = User.objects.create_user("edge-editor", password="edge-pw", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
ArticleFactory(headline="Already on the front page", slug="already-out")
ArticleFactory(language="uk", headline="Уже вийшло: зерно", slug="vzhe-vyishlo")
print(draft(headline={headline!r}, slug="edge-story").pk)
print(draft(language="uk", headline={ukrainian_headline!r}, slug="zerno-z-odesy").pk)
"""

DRAFT_EDIT_CODE = """
from articles.models import Article
article = Article.objects.get(slug="edge-story")
article.body = "<p>Still a draft, with more words.</p>"
article.save()
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory, varnishd, site_copies):
    work_dir = tmp_path_factory.mktemp("edge")
    edge_port, *app_ports = free_ports(4)
    env = site.site_env(
        work_dir,
        settings="newsroom.test_settings",
        # Both instances share the suite's Redis when it has one, as production's do.
        REDIS_URL=os.environ.get("REDIS_URL"),
        NEWSROOM_PAGE_CACHE="1",
        NEWSROOM_EDGE_PURGE_URLS=f"http://127.0.0.1:{edge_port}/",
        NEWSROOM_EDGE_PURGE_ATTEMPTS="2",
        NEWSROOM_EDGE_PURGE_TIMEOUT="0.5",
    )
    site_copies.migrated(work_dir)
    code = SETUP_CODE.format(headline=HEADLINE, ukrainian_headline=UKRAINIAN_HEADLINE)
    setup = site.manage(env, "shell", "-v0", "-c", code)
    running = Stack(edge_port, app_ports[:2], env, work_dir)
    running.story_pk, running.ukrainian_story_pk = map(int, setup.stdout.split())
    running.spare_port = app_ports[2]
    try:
        running.start_app(0)
        running.start_app(1)
        running.start_edge()
        yield running
    finally:
        running.stop_all()


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class Desk:
    """A signed-in editor on one instance, pressing the desk's buttons over HTTP."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.opener.open(f"{base_url}/admin/login/", timeout=10).read()
        self.post(
            "/admin/login/", {"username": "edge-editor", "password": "edge-pw", "next": "/admin/"}
        )

    def post(self, path, fields):
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}, doseq=True)
        with self.opener.open(f"{self.base_url}{path}", data.encode(), timeout=30) as response:
            return response.status, response.read().decode()

    def run_action(self, action, pk):
        return self.post(
            "/admin/articles/article/", {"action": action, "_selected_action": [str(pk)]}
        )


def wait_until(predicate, timeout=5):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_publish_on_one_instance_shows_through_varnish_and_on_the_other(stack):
    edge, instance_b = f"{stack.edge_url}/", f"{stack.app_url(1)}/"
    for url in (edge, instance_b):
        get(url)
    status, headers, body = get(edge)
    assert (status, headers["X-Edge-Cache"]) == (200, "hit")
    assert not {"xkey", "Surrogate-Key", "Cache-Tag"} & set(headers)
    assert get(instance_b)[1]["X-Cache"] == "hit"
    assert HEADLINE not in body
    # Browsers revalidate: the edge answers 304 to a matching ETag.
    assert get(edge, **{"If-None-Match": headers["ETag"]})[0] == 304

    # A draft saved elsewhere purges nothing: both copies stay.
    site.manage(stack.env, "shell", "-v0", "-c", DRAFT_EDIT_CODE)
    assert get(edge)[1]["X-Edge-Cache"] == "hit"
    assert get(instance_b)[1]["X-Cache"] == "hit"

    desk = Desk(stack.app_url(0))
    # Signed in, the desk gets its own private page through the edge, never the shared copy.
    session = next(cookie.value for cookie in desk.cookies if cookie.name == "sessionid")
    _, staff_headers, _ = get(edge, Cookie=f"sessionid={session}")
    assert staff_headers["X-Edge-Cache"] == "miss"
    assert "private" in staff_headers["Cache-Control"]
    status, _ = desk.run_action("publish_now", stack.story_pk)
    assert status == 200
    assert wait_until(lambda: HEADLINE in get(edge)[2])
    assert HEADLINE in get(instance_b)[2]
    assert HEADLINE in get(f"{stack.edge_url}/news/edge-story/")[2]


def test_parameters_the_app_does_not_read_share_the_edge_copy(stack):
    front = f"{stack.edge_url}/"
    get(front)
    page = get(front)[2]
    for query in ("?utm_source=x&fbclid=y", "?made-up=1", "?made-up=2&also", "?Q=x"):
        status, headers, body = get(front + query)
        assert (status, headers["X-Edge-Cache"]) == (200, "hit"), query
        assert body == page, query
    assert get(front + "?utm_source=x&page=2")[1]["X-Edge-Cache"] == "miss"
    assert get(front + "?page=2&made-up=3")[1]["X-Edge-Cache"] == "hit"


def test_the_edge_names_no_software_and_keeps_the_apps_security_headers(stack):
    front = f"{stack.edge_url}/"
    get(front)
    status, headers, _ = get(front)
    assert (status, headers["X-Edge-Cache"]) == (200, "hit")
    assert not {"Server", "Via", "X-Varnish", "X-Cache"} & set(headers)
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    # Varnish's own answers too: a purge naming no keys is refused by the VCL itself.
    refused = urllib.request.Request(front, method="PURGE")
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(refused, timeout=10)
    assert answer.value.code == 400
    assert not {"Server", "Via", "X-Varnish"} & set(answer.value.headers)


PUBLISHED_CODE = """
from articles.tests.factories import ArticleFactory
from authors.models import Author
writer = Author.objects.create(name="Edge Down Writer", slug="edge-down-writer")
print(ArticleFactory(headline={headline!r}, slug={slug!r}, authors=[writer]).pk)
"""


def test_with_varnish_down_the_desk_still_saves(stack):
    # A story of its own, out on both instances whatever ran before.
    slug = "edge-down-story"
    setup = site.manage(
        stack.env,
        "shell",
        "-v0",
        "-c",
        PUBLISHED_CODE.format(headline="Edge test: saved while Varnish is down", slug=slug),
    )
    story_pk = int(setup.stdout)
    for instance in (0, 1):
        assert get(f"{stack.app_url(instance)}/news/{slug}/")[0] == 200
    stack.stop_edge()
    try:
        desk = Desk(stack.app_url(1))
        # The purge fails in the background (test_purges.py shows it never holds the save).
        status, _ = desk.run_action("unpublish", story_pk)
        assert status == 200
        for instance in (0, 1):
            assert get(f"{stack.app_url(instance)}/news/{slug}/")[0] == 410
    finally:
        stack.start_edge()


def test_with_redis_down_pages_render_uncached(stack):
    closed = site.free_port()
    stack.app_ports.append(stack.spare_port)
    try:
        stack.start_app(2, REDIS_URL=f"redis://127.0.0.1:{closed}/0")
        for path in ("/", "/feeds/rss/", "/sitemap.xml", "/search/?q=parliament"):
            status, headers, _ = get(f"{stack.app_url(2)}{path}")
            assert status == 200, path
            assert "X-Cache" not in headers, path
    finally:
        stack.stop_app(2)
        stack.app_ports.pop()


SCHEDULE_CODE = """
import datetime
from django.contrib.auth.models import User
from django.utils import timezone
from articles.publishing import publish_article
from articles.tests.factories import draft
from authors.models import Author
# Named here: the factory's numbering starts again in this process.
writer = Author.objects.create(name="Edge Scheduler", slug="edge-scheduler")
story = draft(headline={headline!r}, slug="edge-scheduled-story", authors=[writer])
publish_article(
    article=story,
    editor=User.objects.get(username="edge-editor"),
    at=timezone.now() + datetime.timedelta(seconds={seconds}),
)
from delivery.edge import wait_for_purges
wait_for_purges()
"""


def test_a_story_scheduled_after_the_edge_cached_the_front_shows_there_at_its_time(stack):
    headline, lead_seconds = "Edge test: scheduled after the front was cached", 4
    front = f"{stack.edge_url}/"
    get(front)
    assert get(front)[1]["X-Edge-Cache"] == "hit"
    site.manage(
        stack.env,
        "shell",
        "-v0",
        "-c",
        SCHEDULE_CODE.format(headline=headline, seconds=lead_seconds),
    )
    status, headers, body = get(front)
    # The copy from before the schedule is gone; the new one lives no longer than the go-live.
    assert (status, headers["X-Edge-Cache"]) == (200, "miss")
    assert headline not in body
    lifetime = int(headers["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert lifetime <= lead_seconds
    assert wait_until(lambda: headline in get(front)[2], timeout=lead_seconds + 10)


def head_of(url, **headers):
    """Status and headers of a GET, the body left unread (it may be gzipped)."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_every_instance_and_the_edge_answer_a_conditional_request_alike(stack):
    """Validators come from the content, never from when or where a page was rendered."""
    # One host for all, as readers behind a real edge: pages name the host they were asked for.
    asked = {"Host": "localhost", "Accept-Encoding": "gzip"}
    for path in ("/sitemap-articles.xml", "/feeds/rss/", "/"):
        sources = [stack.app_url(0), stack.app_url(1), stack.edge_url]
        answers = [head_of(f"{source}{path}", **asked)[1] for source in sources]
        assert len({headers["ETag"] for headers in answers}) == 1, path
        dates = {headers.get("Last-Modified") for headers in answers}
        assert len(dates) == 1, path
        etag, (last_modified,) = answers[0]["ETag"], dates
        # Sitemaps and feeds are dated by their newest story; a page of cards is not dated.
        assert bool(last_modified) == (path != "/"), path
        for source in sources:
            url = f"{source}{path}"
            assert head_of(url, **asked, **{"If-None-Match": etag})[0] == 304, (source, path)
            if last_modified:
                since = {"If-Modified-Since": last_modified}
                assert head_of(url, **asked, **since)[0] == 304, (source, path)
            else:
                since = {"If-Modified-Since": "Tue, 01 Jan 2036 00:00:00 GMT"}
                assert head_of(url, **asked, **since)[0] == 200, (source, path)


def test_a_ukrainian_publish_purges_ukrainian_pages_at_the_edge_and_no_english_one(stack):
    edge = stack.edge_url
    ukrainian = [f"{edge}/uk/", f"{edge}/uk/search/?q=%D0%B7%D0%B5%D1%80%D0%BD%D0%BE"]
    english = [f"{edge}/news/already-out/", f"{edge}/search/?q=front"]
    for url in ukrainian + english:
        get(url)
        assert get(url)[1]["X-Edge-Cache"] == "hit", url
    # The edition is the address's: a reader's language preference shares the same copy.
    assert get(ukrainian[0], **{"Accept-Language": "en-GB,en"})[1]["X-Edge-Cache"] == "hit"
    assert UKRAINIAN_HEADLINE not in get(ukrainian[0])[2]

    status, _ = Desk(stack.app_url(0)).run_action("publish_now", stack.ukrainian_story_pk)
    assert status == 200
    for url in ukrainian:
        assert wait_until(lambda url=url: UKRAINIAN_HEADLINE in get(url)[2]), url
    for url in english:
        assert get(url)[1]["X-Edge-Cache"] == "hit", url
