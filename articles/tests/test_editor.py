"""The body editor in the desk: shipped with the app, and writing only what the sanitiser keeps."""

import pytest
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from articles.admin.widgets import ARTICLE_EDITOR_EXTENSIONS, EDITOR_EXTENSIONS
from articles.sanitizer import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html

# What the editor may write on a link or a list that the sanitiser deliberately sets or drops:
# links always get rel="noopener noreferrer"; list styles come from the site's stylesheet.
SET_OR_DROPPED = {"a": {"rel"}, "ol": {"type", "data-type"}}

# Markup as the editor (ProseMirror through Tiptap) writes it, one of each thing it offers.
EDITOR_OUTPUT = (
    "<h2>What happened</h2>"
    "<p>Text with <strong>bold</strong>, <em>italic</em>, <u>underlined</u>, <s>struck</s>, "
    'H<sub>2</sub>O, x<sup>2</sup> and <a href="https://example.org/report">a link</a>.</p>'
    "<h3>Details</h3><h4>More</h4>"
    "<ul><li><p>One</p></li><li><p>Two</p></li></ul>"
    '<ol start="3"><li><p>Three</p></li></ol>'
    "<blockquote><p>A quote.</p></blockquote>"
    "<hr>"
    "<p>A line<br>and the next.</p>"
)


@pytest.mark.parametrize("extensions", [EDITOR_EXTENSIONS, ARTICLE_EDITOR_EXTENSIONS])
def test_every_tag_and_attribute_the_editor_writes_is_kept_by_the_sanitiser(extensions):
    allowlist = allowlist_from_extensions(extensions)

    assert allowlist["tags"] <= ALLOWED_TAGS
    for tag, attributes in allowlist["attributes"].items():
        kept = ALLOWED_ATTRIBUTES.get(tag, set()) | SET_OR_DROPPED.get(tag, set())
        assert set(attributes) <= kept, tag


def test_what_the_editor_writes_comes_through_the_sanitiser_intact():
    cleaned = sanitize_html(EDITOR_OUTPUT)

    assert cleaned == EDITOR_OUTPUT.replace(
        '<a href="https://example.org/report">',
        '<a href="https://example.org/report" rel="noopener noreferrer">',
    )


@pytest.mark.django_db
def test_article_form_uses_the_editor_shipped_with_the_app(client, journalist):
    client.force_login(journalist)

    response = client.get(reverse("admin:articles_article_add"))

    assert response.status_code == 200
    assert "data-django-prose-editor-configurable" in response.text
    assert "/static/django_prose_editor/editor.js" in response.text
    # The gallery block's own module, and where it finds pictures.
    assert "/static/admin-desk/gallery-editor.js" in response.text
    assert reverse("admin:autocomplete") in response.text
    # Works offline: nothing is loaded from another host.
    assert 'src="http' not in response.text
    assert 'href="http' not in response.text.split("<body")[0]


@pytest.mark.django_db
def test_body_posted_from_the_editor_is_sanitised(client, journalist):
    from articles.models import Article
    from articles.tests.test_admin import ADD_URL, article_form

    client.force_login(journalist)

    response = client.post(
        ADD_URL,
        article_form(body='<p onclick="steal()">Hi<script>alert(1)</script></p>' + EDITOR_OUTPUT),
    )

    assert response.status_code == 302
    body = Article.objects.get().body
    assert "onclick" not in body and "<script" not in body
    assert "<h2>What happened</h2>" in body
