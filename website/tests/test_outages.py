"""The database goes down under a running site: a styled 503 for readers and the desk, /healthz
503, and the same gunicorn serves again as soon as the database is back, with no restart."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tools.site import free_port, gunicorn, load_demo, site_env

READER_OUTAGE = "We’ll be back in a moment"
DESK_OUTAGE = "The desk is unavailable for a moment"
DESK_USER = ("night-desk", "a-long-desk-password-for-tests")


def fetch(url, timeout=30):
    """``(status, body)``; an HTTP error status is an answer too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class Browser:
    """A person at a browser: cookies kept, forms posted with their CSRF token."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open(self, path, data=None, timeout=30):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base_url + path)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def csrf_token(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]

    def log_in(self, username, password):
        status, html, _ = self.open("/admin/login/?next=/admin/")
        assert status == 200, html
        status, html, _ = self.open(
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": self.csrf_token(html),
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )
        assert status == 200 and "Log out" in html, html


@pytest.fixture
def site_on_postgres(postgres_cluster, tmp_path, collected_static):
    env = site_env(tmp_path, postgres_cluster.create_database("outage"))
    return env, load_demo(env, articles=4, superuser=DESK_USER)


def test_database_down_gives_503_pages_and_the_site_recovers_by_itself(
    postgres_cluster, site_on_postgres, tmp_path
):
    env, article_urls = site_on_postgres
    first, unseen, later = article_urls[0], article_urls[1], article_urls[2]
    port = free_port(8710, 8719)
    # One worker: its persistent connection is the one the outage breaks.
    log_path = tmp_path / "gunicorn.log"
    with gunicorn(env, port=port, log_path=log_path, workers=1) as (base_url, server):
        desk = Browser(base_url)
        desk.log_in(*DESK_USER)
        assert fetch(base_url + "/healthz") == (200, "ok\n")
        assert fetch(base_url + first)[0] == 200
        assert desk.open("/admin/articles/article/")[0] == 200

        postgres_cluster.stop("fast")
        try:
            assert fetch(base_url + "/healthz")[0] == 503
            status, page, headers = Browser(base_url).open(unseen)
            assert status == 503
            assert READER_OUTAGE in page
            assert 'rel="stylesheet"' in page
            assert headers["Retry-After"] == "30"
            assert "no-cache" in headers["Cache-Control"]
            status, page, _ = desk.open("/admin/articles/article/")
            assert (status, DESK_OUTAGE in page) == (503, True)
            status, page, _ = desk.open(
                "/admin/articles/article/add/",
                {"csrfmiddlewaretoken": desk_token(desk), "headline": "Lost?"},
            )
            assert status == 503
            assert "Nothing was saved." in page
        finally:
            postgres_cluster.start()

        assert fetch(base_url + "/healthz") == (200, "ok\n")
        status, page = fetch(base_url + later)
        assert status == 200 and READER_OUTAGE not in page
        assert desk.open("/admin/articles/article/")[0] == 200

        # A restart between two requests leaves the worker a dead connection: the health check
        # finds it before the page's first query, so not even one reader sees an error.
        postgres_cluster.stop("fast")
        postgres_cluster.start()
        status, page = fetch(base_url + first)
        assert status == 200 and READER_OUTAGE not in page
        assert server.poll() is None
    assert "Booting worker" in (tmp_path / "gunicorn.log").read_text()
    assert (tmp_path / "gunicorn.log").read_text().count("Booting worker") == 1


def desk_token(browser):
    return next(cookie.value for cookie in browser.cookies if cookie.name == "csrftoken")
