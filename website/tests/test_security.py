"""The Content-Security-Policy of reader pages and of the desk, and the other security headers."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches

from articles.tests.factories import ArticleFactory, SectionFactory
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

INLINE_ELEMENT = re.compile(r"<(script|style)>(.*?)</\1>", re.S)
IMPORT_MAP = re.compile(r'<script type="importmap">(.*?)</script>', re.S)


def directives(header):
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def sha256_source(text):
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


@pytest.fixture
def reader_paths():
    section = SectionFactory(slug="world")
    author = AuthorFactory(slug="reporter")
    article = ArticleFactory(section=section, authors=[author], tags=["Energy"])
    return [
        "/",
        article.get_absolute_url(),
        "/authors/reporter/",
        "/sections/world/",
        "/tags/energy/",
        "/search/?q=paragraph",
        "/corrections/",
        "/news/no-such-story/",
        "/?before=damaged",
    ]


def assert_strict_reader_policy(policy, content):
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
        assert "'self'" in policy[directive]
    inline = INLINE_ELEMENT.findall(content)
    assert {kind for kind, _text in inline} == {"script", "style"}
    for kind, text in inline:
        assert sha256_source(text) in policy[f"{kind}-src"], kind


def test_reader_pages_allow_exactly_their_inline_script_and_style(client, reader_paths):
    for path in reader_paths:
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        assert "Content-Security-Policy-Report-Only" not in response
        policy = directives(response["Content-Security-Policy"])
        assert_strict_reader_policy(policy, response.content.decode())
        # Nothing else inline: only the two hashes beside 'self'.
        assert len(policy["script-src"]) == 2 and len(policy["style-src"]) == 2, path


def test_a_foreign_host_gets_the_policy_on_its_bad_request_page(client):
    response = client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400
    assert_strict_reader_policy(
        directives(response["Content-Security-Policy"]), response.content.decode()
    )


def test_a_script_that_was_not_ours_would_not_run():
    from website.security import allowed_inline_hashes

    allowed = allowed_inline_hashes()["script-src"]
    assert sha256_source("alert(document.cookie)") not in allowed


def test_the_desk_policy_keeps_scripts_to_our_files_and_the_editor_import_map(client):
    User.objects.create_superuser("desk", "desk@example.com", "pw")
    client.login(username="desk", password="pw")

    response = client.get("/admin/articles/article/add/")

    assert response.status_code == 200
    content = response.content.decode()
    policy = directives(response["Content-Security-Policy"])
    (import_map,) = IMPORT_MAP.findall(content)
    assert policy["script-src"] == ["'self'", sha256_source(import_map)]
    # Inline styles for the editor; a hash beside 'unsafe-inline' would switch it off.
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "<script>" not in content


def test_the_desk_login_page_has_the_desk_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in directives(response["Content-Security-Policy"])["style-src"]


def test_report_only_sends_the_same_policy_without_enforcing_it(client, settings, reader_paths):
    enforced = client.get("/")["Content-Security-Policy"]
    settings.NEWSROOM_CSP_REPORT_ONLY = True

    response = client.get("/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert directives(response["Content-Security-Policy-Report-Only"]) == directives(enforced)


DENIED_FEATURES = {"camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"}


def assert_denies_powerful_features(response, path):
    policy = dict(part.split("=", 1) for part in response["Permissions-Policy"].split(", "))
    assert {feature for feature, allowed in policy.items() if allowed == "()"} >= DENIED_FEATURES
    assert response["X-Permitted-Cross-Domain-Policies"] == "none", path


@pytest.fixture
def upload(settings):
    folder = Path(settings.MEDIA_ROOT) / "renditions" / "abc"
    folder.mkdir(parents=True)
    (folder / "w1200.jpeg").write_bytes(b"\xff\xd8\xff\xd9")
    return "/media/renditions/abc/w1200.jpeg"


def test_every_page_denies_features_a_news_site_never_uses(client, reader_paths, upload):
    for path in [*reader_paths, "/feeds/rss/", "/sitemap.xml", "/admin/login/", upload]:
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        assert_denies_powerful_features(response, path)
    foreign = client.get("/", headers={"host": "attacker.example"})
    assert foreign.status_code == 400
    assert_denies_powerful_features(foreign, "foreign host")


def test_only_uploads_and_static_files_may_be_embedded_by_other_sites(client, reader_paths, upload):
    """Feed readers, mail and other sites show our pictures; nothing else is theirs to embed."""
    for path in [*reader_paths, "/feeds/rss/", "/admin/login/"]:
        response = client.get(path)
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", path
    response = client.get(upload)
    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_a_page_from_the_page_cache_keeps_the_security_headers(client, settings, reader_paths):
    settings.NEWSROOM_PAGE_CACHE = True
    page_cache = caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]
    page_cache.clear()
    client.get("/")
    response = client.get("/")
    page_cache.clear()
    assert response["X-Cache"] == "hit"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert_denies_powerful_features(response, "/")


def test_a_response_widens_only_its_own_policy_and_only_with_https_origins(rf):
    from django.http import HttpResponse

    from website.security import EXTRA_SOURCES_HEADER, ContentSecurityPolicyMiddleware, add_sources

    response = HttpResponse("page")
    add_sources(response, "frame-src", ["https://player.example"])
    response[EXTRA_SOURCES_HEADER] += ";frame-src javascript:x;script-src 'unsafe-inline'"
    other = HttpResponse("another page")
    answers = iter([response, other])
    middleware = ContentSecurityPolicyMiddleware(lambda request: next(answers))

    widened = middleware(rf.get("/news/a/"))
    plain = middleware(rf.get("/news/b/"))

    policy = directives(widened["Content-Security-Policy"])
    assert policy["frame-src"] == ["https://player.example"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "javascript:x" not in widened["Content-Security-Policy"]
    assert EXTRA_SOURCES_HEADER not in widened
    assert "frame-src" not in directives(plain["Content-Security-Policy"])
