"""Reader pages carry our stylesheet and script inline, so the first paint needs one request."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from articles.tests.factories import ArticleFactory
from authors.tests.factories import AuthorFactory

STATIC_DIR = Path(settings.BASE_DIR) / "static"


def render_inline(path):
    return Template("{% load inline_assets %}{% inline_static path %}").render(
        Context({"path": path})
    )


@pytest.mark.django_db
def test_reader_pages_carry_the_stylesheet_and_script_inline(client):
    author = AuthorFactory()
    article = ArticleFactory(authors=[author])
    stylesheet = (STATIC_DIR / "css" / "site.css").read_text()
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
