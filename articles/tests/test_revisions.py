"""Every save is kept with who made it; editors compare versions and restore one."""

import pytest
from django.urls import reverse

from articles import publishing
from articles.models import Article
from articles.tests.desk import change_url, press
from articles.tests.factories import ArticleFactory, draft
from articles.tests.test_admin import ADD_URL, article_form, management
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def compare_url(article):
    return reverse("admin:articles_article_compare", args=[article.pk])


def restore_url(article, version):
    return reverse("admin:articles_article_restore", args=[article.pk, version.pk])


def saved_by(article):
    return [
        (version.revision.user.username, version.revision.comment)
        for version in publishing.revisions_of(article)
    ]


@pytest.fixture
def written_then_edited(client, journalist, editor):
    """A story the journalist wrote and submitted, which an editor then reworked."""
    first, second = AuthorFactory(name="Olena Goncharova"), AuthorFactory(name="Second Name")
    client.force_login(journalist)
    client.post(
        ADD_URL,
        article_form(
            step="submit",
            headline="First headline",
            tags="budget",
            body="<p>First paragraph.</p>",
            **management("bylines", total=1),
            **{
                "bylines-0-author": str(first.pk),
                "bylines-0-role": "writer",
                "bylines-0-position": "0",
            },
        ),
    )
    article = Article.objects.get()
    client.force_login(editor)
    byline = article.bylines.get()
    response = press(
        client,
        article,
        headline="Edited headline",
        body="<p>First paragraph.</p><p>An editor's paragraph.</p>",
        tags="budget, council",
        **management("bylines", total=2, initial=1),
        **{
            "bylines-0-id": str(byline.pk),
            "bylines-0-article": str(article.pk),
            "bylines-0-author": str(first.pk),
            "bylines-0-role": "writer",
            "bylines-0-position": "0",
            "bylines-1-author": str(second.pk),
            "bylines-1-role": "photographer",
            "bylines-1-position": "1",
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    return article


def test_every_save_is_kept_with_who_made_it(written_then_edited):
    assert saved_by(written_then_edited) == [
        ("editor", "Changed headline, body, tags"),
        ("journalist", "Created; Submitted for review"),
    ]


def test_publishing_outside_the_form_is_kept_too(editor):
    article = draft()

    publishing.publish_article(article=article, editor=editor)
    publishing.unpublish_article(article=article, editor=editor)

    assert saved_by(article) == [("editor", "Unpublished"), ("editor", "Published")]


def test_editor_sees_the_history(client, editor, written_then_edited):
    client.force_login(editor)

    response = client.get(history_url(written_then_edited))

    assert response.status_code == 200
    assert [row["who"] for row in response.context["rows"]] == ["editor", "journalist"]
    assert "Changed headline, body, tags" in response.text
    assert "Restore this version" in response.text


def test_editor_compares_two_versions(client, editor, written_then_edited):
    newer, older = publishing.revisions_of(written_then_edited)
    client.force_login(editor)

    response = client.get(compare_url(written_then_edited), {"a": older.pk, "b": newer.pk})

    assert response.status_code == 200
    differences = {d.label: d.lines for d in response.context["differences"]}
    assert differences["Headline"] == [("removed", "First headline"), ("added", "Edited headline")]
    assert ("added", "<p>An editor's paragraph.</p>") in differences["Body"]
    assert ("added", "council") in differences["Tags"]
    assert ("added", "Second Name (photographer)") in differences["Byline"]
    assert "Teaser" not in differences


def test_editor_restores_an_older_version(client, editor, written_then_edited):
    article = written_then_edited
    publishing.publish_article(article=article, editor=editor)
    article.refresh_from_db()
    live_since = article.published_at
    oldest = list(publishing.revisions_of(article))[-1]
    client.force_login(editor)

    response = client.post(restore_url(article, oldest))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "First headline"
    assert article.body == "<p>First paragraph.</p>"
    assert sorted(article.tags.names()) == ["budget"]
    assert [(b.author.name, b.role) for b in article.bylines.all()] == [
        ("Olena Goncharova", "writer")
    ]
    # Restoring brings back words, not a publication decision.
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, live_since)
    assert article.revised_at is not None
    assert saved_by(article)[0][0] == "editor"
    assert saved_by(article)[0][1].startswith("Restored the version of")


def test_a_restore_can_itself_be_undone(client, editor, written_then_edited):
    article = written_then_edited
    newest, oldest = publishing.revisions_of(article)
    client.force_login(editor)
    client.post(restore_url(article, oldest))

    client.post(restore_url(article, newest))

    article.refresh_from_db()
    assert article.headline == "Edited headline"
    assert sorted(article.tags.names()) == ["budget", "council"]
    assert article.bylines.count() == 2


def test_journalist_cannot_restore(client, journalist, written_then_edited):
    article = written_then_edited
    oldest = list(publishing.revisions_of(article))[-1]
    client.force_login(journalist)

    history = client.get(history_url(article))
    response = client.post(restore_url(article, oldest))

    assert history.status_code == 200
    assert "Restore this version" not in history.text
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Edited headline"


def test_a_version_of_another_article_cannot_be_restored_here(client, editor, written_then_edited):
    other = ArticleFactory(headline="Other story")
    publishing.unpublish_article(article=other, editor=editor)
    foreign = publishing.revisions_of(other).first()
    client.force_login(editor)

    response = client.post(restore_url(written_then_edited, foreign))

    assert response.status_code == 404
    written_then_edited.refresh_from_db()
    assert written_then_edited.headline == "Edited headline"


def test_restore_only_answers_post(client, editor, written_then_edited):
    oldest = list(publishing.revisions_of(written_then_edited))[-1]
    client.force_login(editor)

    response = client.get(restore_url(written_then_edited, oldest))

    assert response.status_code == 405


def test_history_link_is_on_the_form(client, editor, written_then_edited):
    client.force_login(editor)

    response = client.get(change_url(written_then_edited))

    assert history_url(written_then_edited) in response.text
