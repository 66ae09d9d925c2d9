"""Readers' pages are read with GET and HEAD only.

Any other method passes every cache (the edge and the page cache keep GET and HEAD), so a page
that answered it would be rendered from the database on each request: a cheap way to load the
site. Every public route refuses such a request before its view reads anything.
"""

import pytest

from website.tests.test_fuzz_urls import PLACEHOLDER, ROUTES

pytestmark = pytest.mark.django_db

REFUSED = ["OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"]


def example_path(route):
    return "/" + PLACEHOLDER.sub("1", route)


@pytest.mark.parametrize("route", [route for route, _ in ROUTES])
def test_every_public_route_refuses_methods_other_than_get_and_head(
    client, route, django_assert_num_queries
):
    path = example_path(route)
    for method in REFUSED:
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
