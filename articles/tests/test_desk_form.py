"""The article form as a writer meets it: what it shows, and what it says when it refuses."""

import pytest

from articles.models import Article
from articles.tests.desk import change_url, press
from articles.tests.factories import draft
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_a_step_the_form_does_not_offer_is_refused_with_its_reason_shown(client, journalist):
    article = draft(headline="Port reopens", authors=[AuthorFactory(user=journalist)])
    client.force_login(journalist)

    response = press(client, article, step="publish-everything", headline="Port reopens today")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Please correct the error below." in page
    assert "“publish-everything” is not a step this form offers: press one of its buttons." in (
        page
    )
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.status) == ("Port reopens", Article.Status.DRAFT)


def test_a_step_a_journalist_may_not_take_says_why(client, journalist):
    article = draft(authors=[AuthorFactory(user=journalist)])
    client.force_login(journalist)

    response = press(client, article, step="publish")

    assert response.status_code == 200
    assert "Only editors can publish, schedule or unpublish articles." in (
        response.content.decode()
    )
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_the_chosen_lead_image_is_shown_as_a_thumbnail(client, editor):
    picture = ImageFactory(alt_text="Ships in the port of Odesa")
    article = draft(lead_image=picture)
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    preview = page.split('<span class="desk-image-preview" aria-live="polite">')[1]
    assert preview.startswith('<img src="/media/renditions/')
    assert 'alt="Ships in the port of Odesa"' in preview.split("</span>")[0]
    assert "data-thumbnail-url=" in page
    assert "admin-desk/image-picker.js" in page


def test_the_headline_wraps_on_the_form_and_is_stored_on_one_line(client, editor):
    article = draft()
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()
    response = press(client, article, headline="Ships leave Odesa\r\n  as the corridor reopens ")

    assert '<textarea name="headline" cols="40" rows="3" class="desk-wide desk-headline"' in page
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == (
        "Ships leave Odesa as the corridor reopens"
    )


def test_the_body_editor_counts_words_at_the_reading_pace(client, editor):
    client.force_login(editor)

    page = client.get(change_url(draft())).content.decode()

    assert 'data-words-per-minute="238"' in page
    assert "admin-desk/word-count.js" in page
