"""The desk's rules hold for every caller: the form, the list actions and the services themselves.

Each test here was written against a defect found in the desk (see the numbers) and failed
before the fix.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion import create_revision, set_comment
from reversion.models import Version

from articles import publishing
from articles.models import Article, Correction
from articles.tests.desk import change_url, open_form, press
from articles.tests.factories import ArticleFactory, draft, in_review, scheduled
from articles.tests.test_admin import CHANGELIST_URL, publish_time_fields, run_action
from articles.writing import write_article
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def in_hours(hours):
    return timezone.now() + datetime.timedelta(hours=hours)


def row(article):
    return Article.objects.values(
        "status", "published_at", "embargo_until", "headline", "withdrawn_at"
    ).get(pk=article.pk)


# --- 1. A future embargo on a live story ------------------------------------------------------


def test_a_future_embargo_on_a_live_story_is_refused_in_the_form(client, editor):
    article = ArticleFactory(headline="Live story")
    before = row(article)
    client.force_login(editor)

    response = press(client, article, **publish_time_fields(in_hours(5), "embargo_until"))

    assert response.status_code == 200
    assert "an embargo cannot take it off the site" in response.content.decode()
    assert "Changes saved" not in response.content.decode()
    assert row(article) == before
    assert Client().get(article.get_absolute_url()).status_code == 200


def test_a_future_embargo_on_a_live_story_is_refused_whoever_saves_it(editor):
    article = Article.objects.get(pk=ArticleFactory().pk)
    before = row(article)
    article.embargo_until = in_hours(5)

    with pytest.raises(ValidationError, match="an embargo cannot take it off the site"):
        write_article(article, stored=Article.objects.get(pk=article.pk))

    assert row(article) == before


def test_an_embargo_on_a_scheduled_story_still_holds_it_back(client, editor):
    article = scheduled(in_hours=1)
    lifts = in_hours(4).replace(microsecond=0)
    client.force_login(editor)

    response = press(client, article, **publish_time_fields(lifts, "embargo_until"))

    assert response.status_code == 302
    assert row(article)["published_at"] == lifts


# --- 2. Publish-time rules for every caller, and locked list actions --------------------------


def test_publishing_a_live_story_again_does_not_re_date_it(editor):
    article = ArticleFactory()
    first = row(article)["published_at"]

    publishing.publish_article(article=article, editor=editor)

    assert row(article)["published_at"] == first


def test_a_schedule_time_in_the_past_is_refused_for_every_caller(editor):
    article = in_review()

    with pytest.raises(ValidationError, match="That time has passed"):
        publishing.publish_article(article=article, editor=editor, at=in_hours(-1))

    assert row(article)["status"] == Article.Status.IN_REVIEW


def test_a_list_action_does_not_overwrite_an_edit_made_a_moment_before(editor):
    stale = Article.objects.get(pk=in_review(headline="Old headline").pk)
    fresh = Article.objects.get(pk=stale.pk)
    fresh.headline = "The headline the writer just fixed"
    fresh.save()

    publishing.publish_article(article=stale, editor=editor)

    assert row(stale)["headline"] == "The headline the writer just fixed"
    assert row(stale)["status"] == Article.Status.PUBLISHED


def test_the_publish_action_reports_what_it_refused(client, editor):
    empty = in_review(headline="Nothing written", body="")
    ready = in_review(headline="Ready")
    client.force_login(editor)

    response = run_action(client, "publish_now", empty, ready)

    assert response.status_code == 302
    assert row(empty)["status"] == Article.Status.IN_REVIEW
    assert row(ready)["status"] == Article.Status.PUBLISHED
    page = client.get(CHANGELIST_URL).content.decode()
    assert "“Nothing written” was left as it was: The body is empty" in page


# --- 3. Nothing a reader saw is deleted -------------------------------------------------------


def test_the_delete_page_refuses_a_live_story(client, editor):
    article = ArticleFactory(headline="Readers saw this")
    publishing.add_correction(article=article, editor=editor, kind="correction", text="Fixed.")
    client.force_login(editor)
    url = reverse("admin:articles_article_delete", args=[article.pk])

    page = client.get(url)
    posted = client.post(url, {"post": "yes"})

    assert page.status_code == posted.status_code == 403
    assert "Readers have seen this story, so it cannot be deleted" in page.content.decode()
    assert Article.objects.filter(pk=article.pk).exists()
    assert Correction.objects.filter(article=article).count() == 1


def test_the_list_refuses_to_delete_a_live_story_and_deletes_nothing(client, editor):
    live = ArticleFactory(headline="Readers saw this")
    never_published = draft(headline="Never seen")
    client.force_login(editor)

    response = client.post(
        CHANGELIST_URL,
        {
            "action": "delete_drafts",
            "_selected_action": [str(live.pk), str(never_published.pk)],
            "post": "yes",
        },
        follow=True,
    )

    assert "Nothing was deleted. Readers have seen “Readers saw this”" in (
        response.content.decode()
    )
    assert Article.objects.filter(pk__in=[live.pk, never_published.pk]).count() == 2


def test_a_withdrawn_story_keeps_its_row_corrections_and_answers_410(client, editor):
    article = ArticleFactory(headline="Taken down")
    publishing.add_correction(article=article, editor=editor, kind="update", text="Updated.")
    publishing.unpublish_article(article=article, editor=editor)
    client.force_login(editor)

    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})

    assert Article.objects.filter(pk=article.pk).exists()
    assert Correction.objects.filter(article=article).count() == 1
    assert Client().get(article.get_absolute_url()).status_code == 410


def test_a_withdrawn_story_scheduled_again_still_cannot_be_deleted(editor):
    article = ArticleFactory(authors=[AuthorFactory()])
    publishing.unpublish_article(article=article, editor=editor)
    publishing.publish_article(article=article, editor=editor, at=in_hours(3))

    with pytest.raises(ValidationError, match="cannot be deleted"):
        publishing.delete_article(article=article, user=editor)

    assert Article.objects.filter(pk=article.pk).exists()


def test_a_never_published_draft_can_still_be_deleted(client, editor):
    article = draft()
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


# --- 4. Corrections are append-only and versioned ---------------------------------------------


def test_a_saved_correction_cannot_be_rewritten(editor):
    article = ArticleFactory()
    correction = publishing.add_correction(
        article=article, editor=editor, kind="correction", text="The dam is 60 years old."
    )
    correction.text = "Something else entirely."

    with pytest.raises(ValidationError):
        correction.save()

    assert Correction.objects.get(pk=correction.pk).text == "The dam is 60 years old."


def test_the_article_form_shows_saved_corrections_read_only(client, editor):
    article = ArticleFactory()
    publishing.add_correction(article=article, editor=editor, kind="correction", text="Fixed.")
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    assert "Fixed." in page
    assert 'name="corrections-0-text"' not in page


def test_each_correction_is_kept_in_the_article_history(editor):
    article = ArticleFactory()

    publishing.add_correction(article=article, editor=editor, kind="correction", text="Fixed.")

    latest = Version.objects.get_for_object(article).first()
    kept = latest.revision.version_set.filter(content_type__model="correction")
    assert [version.field_dict["text"] for version in kept] == ["Fixed."]
    assert latest.revision.comment == "Added correction"


# --- 7. Revision comments are compared whole --------------------------------------------------


def test_a_step_is_recorded_even_when_its_words_appear_inside_an_earlier_one(editor):
    article = ArticleFactory(authors=[AuthorFactory()])

    with create_revision():
        # What an earlier step of the same request wrote: it holds the word, not the step.
        set_comment("Held: not Published before the embargo")
        publishing.unpublish_article(article=article, editor=editor)
        publishing.publish_article(article=article, editor=editor)

    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.comment == (
        "Held: not Published before the embargo; Unpublished; Published"
    )


# --- 10. An empty body is not published -------------------------------------------------------


def test_a_story_with_an_empty_body_is_not_published(client, editor):
    article = in_review(body="<p> </p>")
    client.force_login(editor)

    response = press(client, article, step="publish", body="<p> </p>")

    assert response.status_code == 200
    assert "The body is empty" in response.content.decode()
    assert row(article)["status"] == Article.Status.IN_REVIEW
    with pytest.raises(ValidationError, match="The body is empty"):
        publishing.publish_article(article=article, editor=editor)


# --- Journalists pull back what they submitted ------------------------------------------------


def test_a_journalist_pulls_back_a_story_they_submitted(client, journalist):
    article = in_review(created_by=journalist)
    client.force_login(journalist)

    response = press(client, article, step="pull_back", opened_version=open_form(client, article))

    assert response.status_code == 302
    assert row(article)["status"] == Article.Status.DRAFT
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.comment == "Pulled back to draft"


def test_a_journalist_cannot_pull_back_someone_elses_story(client, journalist):
    article = in_review()
    client.force_login(journalist)

    response = press(client, article, step="pull_back")

    assert response.status_code == 403
    assert row(article)["status"] == Article.Status.IN_REVIEW


def test_a_new_story_carries_its_writers_byline_for_every_caller(journalist):
    profile = AuthorFactory(user=journalist)
    article = draft(created_by=journalist, authors=[])

    publishing.add_default_byline(article=article, user=journalist)

    assert article.byline == [profile]


# --- The lock means something on SQLite too ---------------------------------------------------


# PostgreSQL locks the row itself (SELECT ... FOR UPDATE).
@pytest.mark.sqlite
def test_on_sqlite_each_transaction_takes_the_write_lock_when_it_begins():
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
