"""One line per request: method, path, status, duration, who; no traceback for reader mistakes."""

import logging
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.tests.factories import ArticleFactory
from tools.site import manage, site_env

pytestmark = pytest.mark.django_db

LINE = re.compile(
    r"^(?P<method>\S+) (?P<path>\S+) (?P<status>\d{3}) (?P<ms>\d+\.\d)ms (?P<who>\w+)$"
)


def request_lines(caplog):
    return [
        LINE.match(record.getMessage())
        for record in caplog.records
        if record.name == "website.requests"
    ]


def test_a_reader_request_is_one_line_with_method_path_status_duration_and_who(client, caplog):
    article = ArticleFactory()
    caplog.set_level(logging.INFO, logger="website.requests")

    client.get(article.get_absolute_url())

    (line,) = request_lines(caplog)
    assert line is not None
    assert line["method"] == "GET"
    assert line["path"] == article.get_absolute_url()
    assert line["status"] == "200"
    assert float(line["ms"]) > 0
    assert line["who"] == "anonymous"


def test_a_desk_request_is_logged_as_staff(caplog):
    desk = Client()
    desk.force_login(User.objects.create_user("desk", is_staff=True, is_superuser=True))
    caplog.set_level(logging.INFO, logger="website.requests")

    desk.get("/admin/")

    (line,) = request_lines(caplog)
    assert (line["path"], line["status"], line["who"]) == ("/admin/", "200", "staff")


def test_the_query_string_is_not_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="website.requests")

    client.get("/search/?q=whistleblower+name&token=s3cret")

    (line,) = request_lines(caplog)
    assert line["path"] == "/search/"
    assert "whistleblower" not in caplog.text
    assert "s3cret" not in caplog.text


def test_a_shared_preview_token_is_not_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="website.requests")

    client.get("/preview/a-long-secret-token-value/")

    (line,) = request_lines(caplog)
    assert line["path"] == "/preview/%E2%80%A6/"
    assert "a-long-secret-token-value" not in caplog.text


def test_a_hostile_path_cannot_forge_a_second_log_line(client, caplog):
    caplog.set_level(logging.INFO, logger="website.requests")

    client.get("/news/x%0AGET /admin/ 200 1.0ms staff/")

    messages = [r.getMessage() for r in caplog.records if r.name == "website.requests"]
    assert len(messages) == 1
    assert "\n" not in messages[0]
    assert messages[0].startswith("GET /news/x%0AGET%20/admin/%20200%201.0ms%20staff/ 404 ")


READER_MISTAKES = """
from django.test import Client
reader = Client(HTTP_HOST="localhost")
for path in ["/news/no-such-story/", "/?before=not-a-cursor", "/?" + "&".join(["a=1"] * 1001)]:
    print(reader.get(path).status_code)
"""


@pytest.mark.database_neutral  # a site of its own on SQLite
@pytest.mark.django_db(False)
def test_reader_mistakes_log_their_line_but_no_traceback(tmp_path, collected_static, site_copies):
    env = site_env(tmp_path)
    site_copies.migrated(tmp_path)

    result = manage(env, "shell", "-v0", "-c", READER_MISTAKES)

    assert result.stdout.split() == ["404", "400", "400"]
    assert "GET /news/no-such-story/ 404 " in result.stderr
    assert result.stderr.count("GET / 400 ") == 2
    assert "Traceback" not in result.stderr
