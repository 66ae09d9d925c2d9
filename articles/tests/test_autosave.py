"""Autosave keeps what is typed, through the form's own conflict check, one revision a session."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import publishing
from articles.autosaving import AUTOSAVE_COMMENT
from articles.tests.desk import change_url, open_form, press
from articles.tests.factories import ArticleFactory, draft

pytestmark = pytest.mark.django_db


def autosave_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


def autosave(client, article, version, **fields):
    return client.post(autosave_url(article), {"opened_version": version, **fields})


def comments(article):
    return [version.revision.comment for version in publishing.revisions_of(article)]


@pytest.fixture
def writer(journalist):
    client = Client()
    client.force_login(journalist)
    return client


def test_autosave_keeps_the_typed_words_and_answers_the_new_version(writer, journalist):
    article = draft(headline="Council budget", body="<p>Old.</p>", created_by=journalist)
    opened = open_form(writer, article)

    response = autosave(writer, article, opened, body="<p>The council voted.</p>", dek="Late vote")

    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.body, article.dek) == ("<p>The council voted.</p>", "Late vote")
    assert response.json()["version"] == article.version == int(opened) + 1
    assert sorted(response.json()["changed"]) == ["body", "dek"]
    assert article.headline == "Council budget"


def test_autosaved_body_is_cleaned_like_a_saved_one(writer, journalist):
    article = draft(created_by=journalist)
    opened = open_form(writer, article)

    autosave(writer, article, opened, body='<p onclick="steal()">Hi<script>x()</script></p>')

    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"


def test_one_revision_per_editing_session_not_per_pause(writer, journalist):
    article = draft(body="<p>One.</p>", created_by=journalist)
    before = len(comments(article))
    version = open_form(writer, article)

    for words in ["<p>One two.</p>", "<p>One two three.</p>", "<p>One two three four.</p>"]:
        response = autosave(writer, article, version, body=words)
        assert response.status_code == 200
        version = response.json()["version"]

    assert comments(article)[: len(comments(article)) - before] == [AUTOSAVE_COMMENT]
    latest = publishing.revisions_of(article).first()
    assert "One two three four." in latest.serialized_data


def test_a_real_save_ends_the_session_and_the_next_autosave_starts_a_new_revision(
    writer, journalist
):
    article = draft(body="<p>One.</p>", created_by=journalist)
    version = open_form(writer, article)
    version = autosave(writer, article, version, body="<p>Two.</p>").json()["version"]
    assert press(writer, article, opened_version=version, body="<p>Three.</p>").status_code == 302

    version = open_form(writer, article)
    assert autosave(writer, article, version, body="<p>Four.</p>").status_code == 200

    assert comments(article)[:3] == [AUTOSAVE_COMMENT, "Changed body", AUTOSAVE_COMMENT]


def test_autosave_after_someone_elses_save_is_refused_and_changes_nothing(
    writer, journalist, editor
):
    article = draft(body="<p>Mine.</p>", created_by=journalist)
    opened = open_form(writer, article)
    desk = Client()
    desk.force_login(editor)
    assert press(desk, article, body="<p>The editor's version.</p>").status_code == 302
    history = comments(article)

    response = autosave(writer, article, opened, body="<p>My newer words.</p>")

    assert response.status_code == 409
    assert response.json()["conflict"] is True
    assert "Not saved: editor saved a newer version at" in response.json()["error"]
    article.refresh_from_db()
    assert article.body == "<p>The editor's version.</p>"
    assert comments(article) == history


def test_an_autosave_revision_someone_saved_after_is_kept(writer, journalist, editor):
    """The session's autosave revision is replaced only while nobody has saved after it."""
    article = draft(body="<p>One.</p>", created_by=journalist)
    version = open_form(writer, article)
    autosave(writer, article, version, body="<p>Two.</p>")
    desk = Client()
    desk.force_login(editor)
    assert press(desk, article, body="<p>Edited.</p>").status_code == 302

    version = open_form(writer, article)
    assert autosave(writer, article, version, body="<p>Three.</p>").status_code == 200

    assert comments(article)[:3] == [AUTOSAVE_COMMENT, "Changed body", AUTOSAVE_COMMENT]


def test_autosave_of_a_published_story_is_off_and_writes_nothing(editor):
    article = ArticleFactory(body="<p>What readers see.</p>")
    client = Client()
    client.force_login(editor)
    page = client.get(change_url(article))
    assert "Autosave is off for published stories" in page.text
    assert autosave_url(article) not in page.text

    response = autosave(client, article, article.version, body="<p>Half-typed</p>")

    assert response.status_code == 400
    assert "Autosave is off for published stories" in response.json()["error"]
    article.refresh_from_db()
    assert article.body == "<p>What readers see.</p>"


def test_someone_elses_draft_cannot_be_autosaved(journalist, other_journalist):
    article = draft(body="<p>Theirs.</p>", created_by=other_journalist)
    client = Client()
    client.force_login(journalist)

    response = autosave(client, article, article.version, body="<p>Mine now.</p>")

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.body == "<p>Theirs.</p>"


def test_autosave_needs_the_csrf_token(journalist):
    article = draft(body="<p>One.</p>", created_by=journalist)
    client = Client(enforce_csrf_checks=True)
    client.force_login(journalist)

    response = autosave(client, article, article.version, body="<p>Forged.</p>")

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.body == "<p>One.</p>"


def test_autosave_answers_only_post(writer, journalist):
    article = draft(created_by=journalist)
    assert writer.get(autosave_url(article)).status_code == 405


def test_an_emptied_headline_is_not_autosaved_but_the_body_is(writer, journalist):
    article = draft(headline="Council budget", created_by=journalist)
    opened = open_form(writer, article)

    autosave(writer, article, opened, headline="  ", body="<p>Typing on.</p>")

    article.refresh_from_db()
    assert (article.headline, article.body) == ("Council budget", "<p>Typing on.</p>")


def test_too_long_a_headline_gets_a_clear_answer(writer, journalist):
    article = draft(headline="Council budget", created_by=journalist)
    opened = open_form(writer, article)

    response = autosave(writer, article, opened, headline="x" * 300)

    assert response.status_code == 400
    assert "longer than 255 characters" in response.json()["error"]
    article.refresh_from_db()
    assert article.headline == "Council budget"


def test_the_form_offers_autosave_on_a_draft(writer, journalist):
    article = draft(created_by=journalist)
    page = writer.get(change_url(article))
    assert f'data-autosave-url="{autosave_url(article)}"' in page.text
    assert "admin-desk/autosave.js" in page.text


def test_autosave_pauses_on_the_conflict_screen(writer, journalist, editor):
    """That form carries the newer version: only a deliberate Save may go over it."""
    article = draft(body="<p>Mine.</p>", created_by=journalist)
    opened = open_form(writer, article)
    desk = Client()
    desk.force_login(editor)
    press(desk, article, body="<p>Theirs.</p>")

    refused = press(writer, article, opened_version=opened, body="<p>Mine, longer.</p>")

    assert refused.status_code == 200 and refused.context["conflict"]
    assert "Autosave is paused while the two versions differ" in refused.text
    assert autosave_url(article) not in refused.text


def test_autosave_without_a_session_leads_to_the_login_page_and_changes_nothing(journalist):
    article = draft(body="<p>One.</p>", created_by=journalist)

    response = Client().post(autosave_url(article), {"opened_version": article.version})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    article.refresh_from_db()
    assert article.body == "<p>One.</p>"
