"""Editorial notes: a story's conversation for its people, read per person, never public."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles import notes, publishing
from articles.models import DeskNote
from articles.tests.desk import change_url, press
from articles.tests.factories import ArticleFactory, draft, in_review
from authors.tests.factories import AuthorFactory
from tools.testing import desk_user

pytestmark = pytest.mark.django_db

HOME_URL = reverse("admin:index")
SECRET = "Lawyer says: do not name the source ZQX-4471"


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def note_url(article):
    return reverse("admin:articles_article_notes", args=[article.pk])


def home_section(page, key):
    match = re.search(rf'aria-labelledby="desk-home-{key}">(.*?)</section>', page, flags=re.DOTALL)
    assert match, f"no {key} section"
    return match.group(1).replace("\xa0", " ")


def unread_count(section):
    return int(re.search(r'desk-home__count">(\d+)<', section).group(1))


def test_a_note_reaches_the_editor_unread_on_the_desk_home_and_is_read_on_opening(
    journalist, editor
):
    article = in_review(headline="Council budget", created_by=journalist)
    writer = signed_in(journalist)

    response = writer.post(note_url(article), {"text": "Second source confirmed the vote."})

    assert response.status_code == 302
    assert response["Location"] == change_url(article) + "#desk-notes"
    desk = signed_in(editor)
    home = home_section(desk.get(HOME_URL).content.decode(), "notes")
    assert unread_count(home) == 1
    assert "Council budget" in home and "Second source confirmed the vote." in home
    assert f'href="{change_url(article)}#desk-notes"' in home

    form = desk.get(change_url(article)).content.decode()
    assert 'id="desk-notes"' in form
    assert "Second source confirmed the vote." in form and "desk-thread__note--unread" in form

    assert unread_count(home_section(desk.get(HOME_URL).content.decode(), "notes")) == 0
    again = desk.get(change_url(article)).content.decode()
    assert "desk-thread__note--unread" not in again
    # The writer's own note was never unread for them.
    assert unread_count(home_section(writer.get(HOME_URL).content.decode(), "notes")) == 0


def test_a_note_is_addressed_to_the_storys_people_only(journalist, editor, other_journalist):
    bylined = AuthorFactory(user=other_journalist)
    article = draft(created_by=journalist, authors=[bylined])
    outsider = signed_in(desk_user("outsider", "Journalists"))

    note = notes.leave_note(article=article, user=editor, text="Tighten the top.")

    addressed = set(note.receipts.values_list("user__username", flat=True))
    assert addressed == {"journalist", "colleague", "editor"}
    assert note.receipts.get(user=editor).read_at is not None
    assert note.receipts.get(user=journalist).read_at is None
    page = outsider.get(HOME_URL).content.decode()
    assert "Tighten the top." not in page


def test_a_reporter_can_write_on_their_own_live_story_but_not_on_someone_elses(
    journalist, other_journalist, editor
):
    mine = ArticleFactory(created_by=journalist)
    theirs = draft(created_by=other_journalist)
    writer = signed_in(journalist)

    assert writer.post(note_url(mine), {"text": "Reader spotted a typo."}).status_code == 302
    refused = writer.post(note_url(theirs), {"text": "Let me in."})

    assert refused.status_code == 403
    assert list(mine.desk_notes.values_list("text", flat=True)) == ["Reader spotted a typo."]
    assert not theirs.desk_notes.exists()
    # The live story's form is read-only for the reporter, and the thread still takes notes.
    form = writer.get(change_url(mine)).content.decode()
    assert 'action="' + note_url(mine) + '"' in form


def test_an_empty_note_is_refused_with_a_message(journalist):
    article = draft(created_by=journalist)
    writer = signed_in(journalist)

    response = writer.post(note_url(article), {"text": "   "}, follow=True)

    assert "Note not sent: Write the note first." in response.content.decode()
    assert not DeskNote.objects.exists()


def test_note_needs_csrf_and_post(journalist):
    article = draft(created_by=journalist)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(journalist)

    assert strict.post(note_url(article), {"text": "Forged"}).status_code == 403
    assert strict.get(note_url(article)).status_code == 405
    assert not DeskNote.objects.exists()


def test_send_back_to_drafts_note_joins_the_thread_unread_for_the_writer(journalist, editor):
    article = in_review(created_by=journalist)
    desk = signed_in(editor)

    press(desk, article, step="send_back", desk_note="Needs a second source.")

    writer = signed_in(journalist)
    home = home_section(writer.get(HOME_URL).content.decode(), "notes")
    assert unread_count(home) == 1 and "Needs a second source." in home
    thread = [note.text for note in notes.thread(article)]
    assert thread == ["Needs a second source."]


def test_notes_never_reach_readers_feeds_search_structured_data_or_history(
    client, journalist, editor
):
    article = ArticleFactory(headline="Dam report", body="<p>The dam held.</p>")
    publishing.add_correction(article=article, editor=editor, kind="correction", text="Fixed.")
    notes.leave_note(article=article, user=editor, text=SECRET)
    press(signed_in(editor), article, headline="Dam report, updated")
    article.refresh_from_db()

    public = [
        article.get_absolute_url(),
        reverse("frontpage:front"),
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
        reverse("articles:search") + "?q=ZQX",
        reverse("articles:search") + "?q=lawyer",
        reverse("articles:corrections"),
        reverse("articles:sitemap"),
        reverse("articles:news_sitemap"),
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "ZQX-4471" not in response.content.decode(), url
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Dam report, updated" in page and "application/ld+json" in page
    assert "ZQX" not in article.search_document
    for version in Version.objects.get_for_object(article):
        assert "ZQX-4471" not in version.serialized_data
    assert not Version.objects.filter(serialized_data__contains="ZQX-4471").exists()
