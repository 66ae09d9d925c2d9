"""No lost edits: a save made from a form someone else saved over since is refused, not applied."""

import pytest
from django.test import Client

from articles import publishing
from articles.tests.desk import change_url, open_form, press
from articles.tests.factories import draft

pytestmark = pytest.mark.django_db

THEIR_BODY = "<p>The council voted at midnight, 31 to 12.</p>"
YOUR_BODY = "<p>The council voted at midnight.</p><p>The mayor abstained.</p>"


@pytest.fixture
def desks(journalist, editor):
    """Two people at two browsers: the journalist who wrote the story and an editor."""
    writer, desk = Client(), Client()
    writer.force_login(journalist)
    desk.force_login(editor)
    return writer, desk


def test_save_from_a_stale_form_is_refused_and_keeps_the_other_change(desks, journalist):
    writer, desk = desks
    article = draft(
        headline="Council budget", body="<p>The council voted.</p>", created_by=journalist
    )
    opened = open_form(writer, article)

    their_save = press(desk, article, headline="Council passes budget", body=THEIR_BODY)
    assert their_save.status_code == 302
    response = press(writer, article, opened_version=opened, body=YOUR_BODY)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [error.code for error in form.non_field_errors().as_data()] == ["edit_conflict"]
    assert "Not saved: editor saved this article at" in response.text
    # What differs, field by field: theirs struck out, yours underlined.
    differences = {d.label: d.lines for d in response.context["conflict"]["differences"]}
    assert ("removed", "Council passes budget") in differences["Headline"]
    assert ("added", "Council budget") in differences["Headline"]
    assert ("removed", "<p>The council voted at midnight, 31 to 12.</p>") in differences["Body"]
    assert ("added", "<p>The mayor abstained.</p>") in differences["Body"]
    # Your text is still in the form, to copy or merge.
    assert form["body"].value() == YOUR_BODY
    assert "The mayor abstained." in response.text
    # Their change is not overwritten.
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Council passes budget", THEIR_BODY)


def test_saving_again_after_seeing_the_conflict_saves_the_merged_text(desks, journalist):
    writer, desk = desks
    article = draft(body="<p>The council voted.</p>", created_by=journalist)
    opened = open_form(writer, article)
    press(desk, article, body=THEIR_BODY)
    refused = press(writer, article, opened_version=opened, body=YOUR_BODY)
    merged = THEIR_BODY + "<p>The mayor abstained.</p>"

    again = press(
        writer,
        article,
        opened_version=refused.context["adminform"].form["opened_version"].value(),
        body=merged,
    )

    assert again.status_code == 302
    article.refresh_from_db()
    assert article.body == merged


def test_the_conflict_names_the_journalist_when_the_editor_is_late(desks, journalist):
    writer, desk = desks
    article = draft(created_by=journalist)
    opened = open_form(desk, article)
    assert press(writer, article, dek="A new teaser from the writer.").status_code == 302

    response = press(desk, article, opened_version=opened, dek="The editor's teaser.")

    assert response.status_code == 200
    assert "Not saved: journalist saved this article at" in response.text
    article.refresh_from_db()
    assert article.dek == "A new teaser from the writer."


def test_a_form_opened_on_the_latest_version_saves(desks):
    writer, desk = desks
    article = draft()
    opened = open_form(desk, article)

    response = press(desk, article, opened_version=opened, headline="Fresh headline")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Fresh headline"


def test_a_post_that_does_not_say_which_version_it_edits_is_refused(desks):
    _, desk = desks
    article = draft(headline="Kept")

    response = press(desk, article, opened_version="", headline="Blind overwrite")

    assert response.status_code == 200
    assert "edit_conflict" in [
        e.code for e in response.context["adminform"].form.non_field_errors().as_data()
    ]
    article.refresh_from_db()
    assert article.headline == "Kept"


def test_a_writer_whose_story_was_published_meanwhile_keeps_their_text(desks, journalist, editor):
    writer, _ = desks
    article = draft(created_by=journalist)
    opened = open_form(writer, article)
    publishing.publish_article(article=article, editor=editor)

    response = press(writer, article, opened_version=opened, body=YOUR_BODY)

    assert response.status_code == 403
    assert "Only editors can change it from here on" in response.text
    assert "The mayor abstained." in response.text
    article.refresh_from_db()
    assert article.body != YOUR_BODY


def test_the_form_carries_the_version_it_was_opened_on(desks):
    _, desk = desks
    article = draft()

    response = desk.get(change_url(article))

    assert f'name="opened_version" value="{article.version}"' in response.text


def test_the_conflict_is_shown_even_when_the_button_no_longer_fits(desks, journalist, editor):
    writer, _ = desks
    article = draft(created_by=journalist)
    opened = open_form(writer, article)
    publishing.submit_for_review(article=article, user=editor)

    response = press(writer, article, step="submit", opened_version=opened, body=YOUR_BODY)

    assert response.status_code == 200
    codes = [e.code for e in response.context["adminform"].form.non_field_errors().as_data()]
    assert codes == ["edit_conflict"]
    assert "Not saved: editor saved this article at" in response.text
