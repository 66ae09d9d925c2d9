"""A story goes out under a byline: a name, or the staff byline someone chose, for every caller."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from articles import publishing
from articles.models import Article, ArticleAuthor
from articles.tests.desk import change_url, press
from articles.tests.factories import ArticleFactory, in_review
from articles.tests.test_admin import (
    ADD_URL,
    CHANGELIST_URL,
    article_form,
    byline_rows,
    management,
    publish_time_fields,
    run_action,
)
from authors.models import Author
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

NO_BYLINE = "This story has no byline"


def state(article):
    stored = Article.objects.get(pk=article.pk)
    return stored.status, stored.published_at, list(stored.byline)


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


# --- The service ------------------------------------------------------------------------------


def test_publishing_a_story_with_nobody_in_its_byline_is_refused(editor):
    article = in_review(authors=[])

    with pytest.raises(ValidationError, match=NO_BYLINE):
        publishing.publish_article(article=article, editor=editor)
    with pytest.raises(ValidationError, match=NO_BYLINE):
        publishing.publish_article(
            article=article, editor=editor, at=timezone.now() + datetime.timedelta(hours=2)
        )

    assert state(article) == (Article.Status.IN_REVIEW, None, [])
    assert not Author.objects.exists()


@override_settings(SITE_NAME="Kyiv Evening News")
def test_the_staff_byline_is_an_explicit_choice_named_after_the_site(editor):
    article = in_review(authors=[])

    publishing.publish_article(article=article, editor=editor, staff_byline=True)

    status, published_at, byline = state(article)
    assert status == Article.Status.PUBLISHED
    assert [(a.name, a.slug, a.is_desk, a.user) for a in byline] == [
        ("Kyiv Evening News", "kyiv-evening-news", True, None)
    ]
    latest = publishing.revisions_of(article).first().revision
    assert latest.comment == "Credited to Kyiv Evening News; Published"
    # The next story credited to the staff is credited to the same byline.
    other = in_review(authors=[])
    publishing.publish_article(article=other, editor=editor, staff_byline=True)
    assert Article.objects.get(pk=other.pk).byline == byline


def test_the_staff_byline_does_not_push_aside_the_names_in_a_byline(editor):
    writer = AuthorFactory(name="Olena Marchenko")
    article = in_review(authors=[writer])

    publishing.publish_article(article=article, editor=editor, staff_byline=True)

    assert state(article)[2] == [writer]


def test_the_publish_now_action_refuses_each_story_with_no_byline(client, editor):
    unsigned = in_review(headline="Nobody wrote this", authors=[])
    signed = in_review(headline="Signed")
    client.force_login(editor)

    response = run_action(client, "publish_now", unsigned, signed)

    assert response.status_code == 302
    assert state(unsigned) == (Article.Status.IN_REVIEW, None, [])
    assert state(signed)[0] == Article.Status.PUBLISHED
    page = client.get(CHANGELIST_URL).content.decode()
    assert "“Nobody wrote this” was left as it was: This story has no byline" in page
    assert "credit it to the staff byline (“The Newsroom”)" in page


# --- The article form -------------------------------------------------------------------------


def test_publish_now_on_the_form_says_the_byline_is_missing_and_changes_nothing(client, editor):
    article = in_review(headline="Agency copy", authors=[])
    before = state(article)
    client.force_login(editor)

    response = press(client, article, step="publish", headline="Agency copy, edited")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Please correct the error below." in page
    assert "No byline: name who wrote this story here, or tick “Staff byline”" in page
    assert state(article) == before
    assert Article.objects.get(pk=article.pk).headline == "Agency copy"


def test_ticking_the_staff_byline_publishes_under_it(client, editor):
    article = in_review(headline="Agency copy", authors=[])
    client.force_login(editor)
    form = client.get(change_url(article)).content.decode()

    response = press(client, article, step="publish", staff_byline="on")

    assert "Staff byline" in form
    assert "Credit the story to “The Newsroom”" in form
    assert response.status_code == 302
    status, _, byline = state(article)
    assert status == Article.Status.PUBLISHED
    assert [author.name for author in byline] == ["The Newsroom"]
    assert "Published: it is live on the site now." in messages_of(response)


def test_a_name_added_to_the_byline_with_publish_now_counts(client, editor):
    article = in_review(authors=[])
    writer = AuthorFactory(name="Iryna Kravets")
    client.force_login(editor)

    response = press(client, article, step="publish", **byline_rows(writer))

    assert response.status_code == 302
    assert state(article)[0] == Article.Status.PUBLISHED
    assert state(article)[2] == [writer]


def test_removing_the_last_name_from_a_live_story_is_refused(client, editor):
    writer = AuthorFactory(name="Iryna Kravets")
    article = ArticleFactory(authors=[writer])
    byline = ArticleAuthor.objects.get(article=article)
    client.force_login(editor)

    response = press(
        client,
        article,
        **management("bylines", total=1, initial=1),
        **{
            "bylines-0-id": str(byline.pk),
            "bylines-0-article": str(article.pk),
            "bylines-0-author": str(writer.pk),
            "bylines-0-role": byline.role,
            "bylines-0-position": "0",
            "bylines-0-DELETE": "on",
        },
    )

    assert response.status_code == 200
    assert "No byline: name who wrote this story here" in response.content.decode()
    assert state(article)[2] == [writer]


def test_a_desk_user_without_an_author_profile_is_told_on_the_add_form(client, editor):
    client.force_login(editor)

    page = client.get(ADD_URL).content.decode()

    assert "Your desk account has no author profile, so this story will not carry your name" in (
        page
    )


def test_a_writer_with_a_profile_is_not_told_and_their_new_story_can_go_out(client, editor):
    profile = AuthorFactory(name="Kateryna Hodunova", user=editor)
    client.force_login(editor)

    page = client.get(ADD_URL).content.decode()
    response = client.post(ADD_URL, article_form(step="publish"))

    assert "has no author profile" not in page
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.is_published() is True
    assert article.byline == [profile]


def test_an_editor_without_a_profile_cannot_publish_a_new_story_with_nobody_named(client, editor):
    client.force_login(editor)
    later = timezone.now() + datetime.timedelta(days=1)

    response = client.post(ADD_URL, article_form(step="schedule", **publish_time_fields(later)))

    assert response.status_code == 200
    assert "No byline: name who wrote this story here" in response.content.decode()
    assert not Article.objects.exists()


def test_a_story_with_no_byline_says_so_at_the_top_of_its_form(client, journalist):
    article = in_review(authors=[], created_by=journalist)
    client.force_login(journalist)

    page = client.get(change_url(article)).content.decode()

    assert "This story has no byline yet, and it is not published or scheduled without one" in (
        page
    )


def test_the_byline_link_says_what_it_adds(client, editor):
    client.force_login(editor)

    page = client.get(ADD_URL).content.decode()

    assert "Add a name to the byline" in page
    assert "Add another Name in the byline" not in page
