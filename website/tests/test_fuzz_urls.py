"""Property-based tests over the URL map: whatever a client sends to a public URL (path, query
string, headers, method, body), the answer is never a server error.

Every public route is taken from the resolver, so a URL added later is fuzzed too. The examples
are bounded to keep the suite fast; Hypothesis prints the failing request when one is found.
"""

import re
import string
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.tests.factories import ArticleFactory, SectionFactory, draft, scheduled
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PRIVATE_NAMESPACES = {"admin"}
QUERY_KEYS = ["before", "q", "page", "next", "format", "utm_source", "section", "token"]
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=fuzz",
    "multipart/form-data",
    "application/json",
    "text/plain; charset=utf-8",
    "text/plain; charset=no-such-charset",
]
# Host included: a foreign one once answered 500 from inside the 400 page.
HEADERS = [
    "HTTP_HOST",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_COOKIE",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_NONE_MATCH",
    "HTTP_RANGE",
    "HTTP_REFERER",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_REQUESTED_WITH",
    "HTTP_ORIGIN",
]
# What a WSGI server hands over: header values decoded as Latin-1, no line breaks.
header_values = st.one_of(
    st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=80),
    st.sampled_from(
        [
            "gzip, deflate, br",
            "bytes=0-0,-1",
            "Thu, 01 Jan 1970 00:00:00 GMT",
            "csrftoken=" + "a" * 32 + "; sessionid=forged",
            "https",
            "*/*;q=0.8",
        ]
    ),
)
any_text = st.text(max_size=40)


def public_routes(resolver=None, prefix=""):
    """``(route, converters)`` for every URL a reader can reach, from the resolver itself."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in PRIVATE_NAMESPACES:
                continue
            yield from public_routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.pattern.converters


ROUTES = sorted(public_routes())
PLACEHOLDER = re.compile(r"<(?:\w+:)?(\w+)>")


@pytest.fixture
def newsroom():
    """A small newsroom with something in every state, and its slugs."""
    section = SectionFactory(slug="world")
    author = AuthorFactory(slug="kateryna")
    story = ArticleFactory(section=section, authors=[author], tags=["war", "energy"])
    draft(section=section, tags=["secret"])
    scheduled(section=section)
    return [story.slug, section.slug, author.slug, "war", "energy", "secret", "articles"]


def segment_values(converter, known):
    name = type(converter).__name__
    if name == "IntConverter":
        return st.integers(min_value=0, max_value=10**25).map(str)
    if name == "SlugConverter":
        return st.one_of(
            st.sampled_from(known), st.text(string.ascii_letters + string.digits + "-_", min_size=1)
        )
    if name == "PathConverter":
        return st.one_of(st.sampled_from(["../settings.py", "..%2f..%2fetc/passwd"]), any_text)
    return st.one_of(st.sampled_from(known), st.text(min_size=1, max_size=40))


@st.composite
def public_paths(draw, known):
    """A path for a public route, its arguments real slugs or anything at all, maybe damaged."""
    route, converters = draw(st.sampled_from(ROUTES))
    values = {
        name: draw(segment_values(converter, known)) for name, converter in converters.items()
    }
    path = PLACEHOLDER.sub(lambda match: values[match[1]], route)
    path = "/" + path
    damage = draw(st.sampled_from(["none", "none", "suffix", "double-slash", "no-slash"]))
    if damage == "suffix":
        path += draw(any_text)
    elif damage == "double-slash":
        path = path.replace("/", "//", 1)
    elif damage == "no-slash":
        path = path.rstrip("/")
    return quote(path, safe="/%")


query_strings = st.lists(
    st.tuples(st.one_of(st.sampled_from(QUERY_KEYS), any_text), any_text), max_size=4
).map(lambda pairs: urlencode(pairs))


def assert_no_server_error(response, request_description):
    assert response.status_code < 500, f"{response.status_code} for {request_description}"


def test_the_fuzzed_routes_cover_the_public_site():
    routes = {route for route, _ in ROUTES}
    assert {"", "news/<slug:slug>/", "authors/<slug:slug>/", "healthz", "search/"} <= routes
    assert not any(route.startswith("admin/") for route in routes)


@FUZZ
@given(data=st.data())
def test_any_path_and_query_string_on_a_public_url_is_never_a_server_error(newsroom, data):
    path = data.draw(public_paths(newsroom))
    query = data.draw(query_strings)
    url = f"{path}?{query}" if query else path

    response = Client().get(url)

    assert_no_server_error(response, f"GET {url}")


@FUZZ
@given(
    data=st.data(),
    method=st.sampled_from(METHODS),
    headers=st.dictionaries(st.sampled_from(HEADERS), header_values, max_size=5),
    content_type=st.sampled_from(CONTENT_TYPES),
    body=st.one_of(st.binary(max_size=300), st.sampled_from([b"--fuzz\r\n", b"a=1&" * 50])),
)
def test_any_method_headers_and_body_on_a_public_url_are_never_a_server_error(
    newsroom, data, method, headers, content_type, body
):
    path = data.draw(public_paths(newsroom))
    query = data.draw(query_strings)
    url = f"{path}?{query}" if query else path

    response = Client().generic(method, url, body, content_type=content_type, **headers)

    assert_no_server_error(response, f"{method} {url} {headers} {content_type} {body!r}")


@pytest.mark.parametrize("route", [route for route, _ in ROUTES])
def test_every_public_route_answers_with_real_and_unknown_arguments(newsroom, route):
    for value in [newsroom[0], newsroom[1], "no-such-thing", "0", "99999999999999999999"]:
        path = "/" + PLACEHOLDER.sub(value, route)
        response = Client().get(path)
        assert_no_server_error(response, path)
