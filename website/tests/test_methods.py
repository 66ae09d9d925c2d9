"""Readers' pages are read with GET and HEAD only.

Any other method passes every cache (the edge and the page cache keep GET and HEAD), so a page
that answered it would be rendered from the database on each request: a cheap way to load the
site. Every public route refuses such a request before its view reads anything, except POST to
the few forms readers send (marked ``accepts_reader_posts``), which are named here on purpose.
"""

import pytest
from django.urls import resolve

from website.tests.test_fuzz_urls import PLACEHOLDER, ROUTES

pytestmark = pytest.mark.django_db

REFUSED = ["OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"]
# Readers' forms: a newsletter sign-up, the links in its emails, the provider's reports.
TAKES_POSTS = {
    "newsletters/subscribe/",
    "newsletters/confirm/<str:token>/",
    "newsletters/manage/<str:token>/",
    "newsletters/unsubscribe/<str:token>/",
    "newsletters/webhooks/<slug:provider>/tracking/",
}


def example_path(route):
    return "/" + PLACEHOLDER.sub("1", route)


def test_only_the_named_forms_take_posts():
    takes = {
        route
        for route, _ in ROUTES
        if getattr(resolve(example_path(route)).func, "accepts_reader_posts", False)
    }
    assert takes == TAKES_POSTS


@pytest.mark.parametrize("route", [route for route, _ in ROUTES])
def test_every_public_route_refuses_methods_other_than_get_and_head(
    client, route, django_assert_num_queries
):
    path = example_path(route)
    refused = [method for method in REFUSED if not (method == "POST" and route in TAKES_POSTS)]
    for method in refused:
        with django_assert_num_queries(0):
            response = client.generic(method, path)
        assert response.status_code == 405, f"{method} {path}: {response.status_code}"
        assert response["Allow"] == "GET, HEAD", f"{method} {path}"


def test_get_and_head_still_answer(client):
    from articles.tests.factories import ArticleFactory

    story = ArticleFactory(headline="Still readable")
    for path in ("/", story.get_absolute_url(), "/feeds/rss/", "/sitemap.xml", "/robots.txt"):
        assert client.get(path).status_code == 200, path
        assert client.head(path).status_code == 200, path
    assert "Still readable" in client.get(story.get_absolute_url()).content.decode()
