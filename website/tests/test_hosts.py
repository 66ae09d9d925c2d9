"""Requests naming a host the site does not serve, and the load balancer's health probe."""

import pytest
from django.db import connection

from articles.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FOREIGN_HOST = "attacker.example"


@pytest.fixture
def article():
    return ArticleFactory(headline="A story on our own host")


@pytest.mark.parametrize(
    "path",
    ["/", "/healthz", "/news/a-story/", "/search/?q=war", "/feeds/rss/", "/admin/", "/nowhere/"],
)
def test_a_foreign_host_gets_the_styled_bad_request_page(client, article, path):
    response = client.get(path, headers={"host": FOREIGN_HOST})

    assert response.status_code == 400
    content = response.content.decode()
    assert "That address isn’t quite right" in content
    assert "<style>" in content
    assert FOREIGN_HOST not in content
    assert "A story on our own host" not in content


def test_a_foreign_host_on_a_form_post_is_a_bad_request_too(client):
    response = client.post("/admin/login/", {"username": "x"}, headers={"host": FOREIGN_HOST})
    assert response.status_code == 400
    assert "That address isn’t quite right" in response.content.decode()


@pytest.mark.parametrize("host", ["10.0.0.7", "10.0.0.7:8000", "[fd00::7]:8000", "192.0.2.1"])
def test_the_health_probe_by_ip_address_answers_200(client, host):
    response = client.get("/healthz", headers={"host": host})
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_the_health_probe_by_ip_address_answers_503_without_the_database(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz", headers={"host": "10.0.0.7"})
    assert response.status_code == 503
    assert response.content == b"database unreachable\n"


def test_an_ip_address_opens_only_the_health_probe(client, article):
    response = client.get("/", headers={"host": "10.0.0.7"})
    assert response.status_code == 400
    assert "A story on our own host" not in response.content.decode()


def test_behind_https_a_foreign_host_is_refused_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/", headers={"host": FOREIGN_HOST})
    assert response.status_code == 400
    assert "That address isn’t quite right" in response.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]
    # The plain-HTTP probe from the load balancer is exempt from the redirect.
    assert client.get("/healthz", headers={"host": "10.0.0.7"}).status_code == 200
