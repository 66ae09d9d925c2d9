"""Corrections and updates: typed, timestamped, on the story, on /corrections/, and dated."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Correction
from articles.tests.desk import press
from articles.tests.factories import ArticleFactory, draft, scheduled
from articles.tests.test_admin import management

pytestmark = pytest.mark.django_db

CORRECTIONS_URL = reverse("articles:corrections")
NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def correction_fields(kind, text):
    return {
        **management("corrections", total=1),
        "corrections-0-kind": kind,
        "corrections-0-text": text,
    }


def test_editor_adds_a_correction_from_the_article_form(client, editor):
    article = ArticleFactory(headline="Dam breach", published_at=NOW - datetime.timedelta(days=1))
    client.force_login(editor)

    with time_machine.travel(NOW, tick=False):
        response = press(
            client,
            article,
            **correction_fields("correction", "An earlier version misstated the dam's age."),
        )

    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.article, correction.kind, correction.created_by) == (
        article,
        Correction.Kind.CORRECTION,
        editor,
    )
    assert correction.created_at == NOW
    article.refresh_from_db()
    assert article.revised_at == NOW


def test_corrections_show_on_the_article_newest_first(client, editor):
    article = ArticleFactory(published_at=NOW - datetime.timedelta(days=1))
    with time_machine.travel(NOW, tick=False):
        publishing.add_correction(
            article=article, editor=editor, kind="correction", text="The first fix."
        )
    with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
        publishing.add_correction(
            article=article, editor=editor, kind="editors_note", text="A later note."
        )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    text = response.text
    assert "Corrections and updates" in text
    assert text.index("A later note.") < text.index("The first fix.")
    assert "Editor’s note" in text and "Correction" in text
    assert 'datetime="2026-03-02T11:30:00+02:00"' in text  # shown in the newsroom's time
    assert "Updated" in text


def test_corrections_page_lists_every_public_correction_newest_first(
    client, editor, django_assert_num_queries
):
    before = NOW - datetime.timedelta(days=1)
    older = ArticleFactory(headline="Older story", published_at=before)
    newer = ArticleFactory(headline="Newer story", published_at=before)
    with time_machine.travel(NOW, tick=False):
        publishing.add_correction(article=older, editor=editor, kind="clarification", text="One.")
    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        publishing.add_correction(article=newer, editor=editor, kind="update", text="Two.")
    withdrawn = ArticleFactory(headline="Withdrawn story")
    publishing.add_correction(article=withdrawn, editor=editor, kind="correction", text="Hidden.")
    publishing.unpublish_article(article=withdrawn, editor=editor)

    with django_assert_num_queries(4):  # navigation, the banner, the count, the page
        response = client.get(CORRECTIONS_URL)

    assert response.status_code == 200
    listed = [c.text for c in response.context["page"].object_list]
    assert listed == ["Two.", "One."]
    assert "Newer story" in response.text and "Clarification" in response.text
    assert "Hidden." not in response.text
    assert newer.get_absolute_url() in response.text


def test_corrections_page_costs_the_same_however_many_corrections(
    client, editor, django_assert_num_queries
):
    for _ in range(30):
        publishing.add_correction(article=ArticleFactory(), editor=editor, kind="update", text="x")

    with django_assert_num_queries(4):
        response = client.get(CORRECTIONS_URL)

    assert len(response.context["page"].object_list) == 30


def test_a_typo_fix_is_saved_without_a_note(client, editor):
    article = ArticleFactory(body="<p>The councl voted.</p>")
    client.force_login(editor)

    response = press(client, article, body="<p>The council voted.</p>")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>The council voted.</p>"
    assert not Correction.objects.exists()


def test_journalist_cannot_add_a_correction(client, journalist):
    article = ArticleFactory(created_by=journalist)
    client.force_login(journalist)

    response = press(client, article, **correction_fields("correction", "Sneaky."))

    assert response.status_code == 403
    assert not Correction.objects.exists()
    with pytest.raises(PermissionDenied):
        publishing.add_correction(article=article, editor=journalist, kind="update", text="No.")


def test_journalist_sees_the_corrections_of_a_live_story_but_cannot_add_one(
    client, journalist, editor
):
    article = ArticleFactory()
    publishing.add_correction(article=article, editor=editor, kind="update", text="Now 12 dead.")
    client.force_login(journalist)

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert "Now 12 dead." in response.text
    (corrections,) = [
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.opts.model is Correction
    ]
    assert corrections.has_add_permission is False
    assert corrections.has_change_permission is False


@pytest.mark.parametrize("make", [draft, scheduled], ids=["draft", "scheduled"])
def test_corrections_are_only_for_live_stories(client, editor, make):
    article = make()
    client.force_login(editor)

    response = press(client, article, **correction_fields("correction", "Too early."))

    assert response.status_code == 302
    assert not Correction.objects.exists()
    with pytest.raises(ValidationError):
        publishing.add_correction(article=article, editor=editor, kind="update", text="No.")


def test_corrections_cannot_be_deleted_from_the_desk(client, editor):
    article = ArticleFactory()
    correction = publishing.add_correction(
        article=article, editor=editor, kind="correction", text="Stays on record."
    )
    client.force_login(editor)

    response = press(
        client,
        article,
        **management("corrections", total=1, initial=1),
        **{
            "corrections-0-id": str(correction.pk),
            "corrections-0-article": str(article.pk),
            "corrections-0-kind": "correction",
            "corrections-0-text": "Stays on record.",
            "corrections-0-DELETE": "on",
        },
    )

    assert response.status_code == 302
    assert Correction.objects.filter(pk=correction.pk).exists()


def test_the_updated_time_moves_with_each_correction(editor):
    article = ArticleFactory()
    publishing.add_correction(article=article, editor=editor, kind="update", text="First.")
    later = timezone.now() + datetime.timedelta(hours=1)

    with time_machine.travel(later, tick=False):
        publishing.add_correction(article=article, editor=editor, kind="update", text="Second.")

    article.refresh_from_db()
    assert article.revised_at == later
