"""Reader pages carry our stylesheet and script inline, so the first paint needs one request."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from articles.tests.factories import ArticleFactory
from authors.tests.factories import AuthorFactory
from website.templatetags.inline_assets import resolve_relative_urls

STATIC_DIR = Path(settings.BASE_DIR) / "static"


def render_inline(path):
    return Template("{% load inline_assets %}{% inline_static path %}").render(
        Context({"path": path})
    )


@pytest.mark.django_db
def test_reader_pages_carry_the_stylesheet_and_script_inline(client):
    author = AuthorFactory()
    article = ArticleFactory(authors=[author])
    stylesheet = resolve_relative_urls(
        "css/site.css", (STATIC_DIR / "css" / "site.css").read_text()
    )
    script = (STATIC_DIR / "js" / "site.js").read_text()

    for url in (reverse("frontpage:front"), article.get_absolute_url(), author.get_absolute_url()):
        html = client.get(url).content.decode()

        assert f"<style>{stylesheet}</style>" in html, url
        assert f"<script>{script}</script>" in html, url
        assert 'rel="stylesheet"' not in html and "<script src" not in html, url
        # Ahead of the stylesheet, the script waits for nothing.
        assert html.index("<script>") < html.index("<style>"), url


def test_a_file_that_would_end_its_element_is_refused(settings, tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "breaks-out.js").write_text('const tail = "</script><p>oops</p>";')
    settings.STATICFILES_DIRS = [tmp_path]

    with pytest.raises(TemplateSyntaxError, match="would end its element"):
        render_inline("js/breaks-out.js")


def test_a_missing_file_is_a_clear_template_error():
    with pytest.raises(TemplateSyntaxError, match="No static file 'js/absent.js'"):
        render_inline("js/absent.js")


def test_an_inline_stylesheet_points_at_its_files_from_the_static_root(settings, tmp_path):
    """Linked, ``url(../fonts/x.woff2)`` is relative to the stylesheet; inline, to the page."""
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "fonts.css").write_text(
        '@font-face { src: url(../fonts/a.woff2) format("woff2"); }\n'
        ".logo { background: url('img/logo.png'), url(data:image/gif;base64,R0lGOD), "
        "url(/static/img/x.png), url(https://example.org/y.png); }"
    )
    settings.STATICFILES_DIRS = [tmp_path]

    css = render_inline("css/fonts.css")

    assert 'url("/static/fonts/a.woff2") format("woff2")' in css
    assert 'url("/static/css/img/logo.png")' in css
    assert "url(data:image/gif;base64,R0lGOD)" in css
    assert "url(/static/img/x.png)" in css and "url(https://example.org/y.png)" in css


@pytest.mark.django_db
def test_the_typeface_is_served_from_our_static_files_with_its_type(client, settings, tmp_path):
    """Collected as in production, the inline stylesheet names the fonts' hashed files."""
    from django.core.management import call_command
    from django.templatetags.static import static

    from website import security
    from website.templatetags import inline_assets

    allowed_before = {
        directive: set(hashes) for directive, hashes in security.inline_hashes.items()
    }
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    inline_assets.cached_inline_source.cache_clear()
    try:
        html = client.get(reverse("frontpage:front")).content.decode()
    finally:
        inline_assets.cached_inline_source.cache_clear()
        # The stylesheet with hashed font names allowed itself for this process; the tests
        # after this one serve the plain names again and expect only their own hashes.
        with security.inline_hashes_lock:
            for directive, hashes in security.inline_hashes.items():
                hashes.intersection_update(allowed_before[directive])

    font_urls = re.findall(r'url\("([^"]+\.woff2)"\)', html)
    assert len(font_urls) == 2, font_urls
    assert static("fonts/newsreader-latin-wght-normal.woff2") in font_urls
    for url in font_urls:
        assert re.search(r"\.[0-9a-f]{12}\.woff2$", url), f"{url} is not a hashed name"
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "font/woff2"
        assert "immutable" in response["Cache-Control"]
        assert b"".join(response.streaming_content)[:4] == b"wOF2"
    assert (STATIC_DIR / "fonts" / "Newsreader-OFL.txt").read_text().startswith("Copyright")
