"""The headers a real gunicorn sends, started with gunicorn.conf.py as `make serve` starts it."""

import re
import urllib.request

import pytest

from tools.site import free_port, gunicorn, site_env

# A site of its own on SQLite, whatever DATABASE_URL says: the PostgreSQL pass leaves it out.
pytestmark = pytest.mark.database_neutral


def headers_of(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        return response.status, response.headers


def test_gunicorn_names_no_software_and_sends_the_security_headers(
    tmp_path, collected_static, site_copies
):
    env = site_env(tmp_path)
    site_copies.demo(tmp_path)
    port = free_port(8750, 8759)
    with gunicorn(env, port=port, log_path=tmp_path / "gunicorn.log", workers=1) as (url, _):
        with urllib.request.urlopen(f"{url}/feeds/rss/", timeout=30) as feed:
            rendition = re.search(r'<enclosure [^>]*url="([^"]+)"', feed.read().decode())[1]
        answers = {
            path: headers_of(path if path.startswith("http") else url + path)
            for path in ("/", "/feeds/rss/", "/healthz", "/static/img/logo.png", rendition)
        }
    for path, (status, headers) in answers.items():
        assert status == 200, path
        assert "Server" not in headers, path
        assert "camera=()" in headers["Permissions-Policy"], path
        assert headers["X-Permitted-Cross-Domain-Policies"] == "none", path
    corp = {path: headers["Cross-Origin-Resource-Policy"] for path, (_, headers) in answers.items()}
    assert corp == {
        "/": "same-origin",
        "/feeds/rss/": "same-origin",
        "/healthz": "same-origin",
        "/static/img/logo.png": "cross-origin",
        rendition: "cross-origin",
    }
