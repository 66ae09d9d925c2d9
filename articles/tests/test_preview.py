"""Previews: staff see unpublished stories as readers will; share links work until they don't."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import PreviewLink
from articles.tests.factories import ArticleFactory, draft, in_review, scheduled

pytestmark = pytest.mark.django_db

BANNER = "Preview — not published"


def embargoed(**kwargs):
    return ArticleFactory(embargo_until=timezone.now() + datetime.timedelta(hours=3), **kwargs)


UNPUBLISHED = [draft, in_review, scheduled, embargoed]
UNPUBLISHED_IDS = ["draft", "in review", "scheduled", "embargoed"]


def preview_url(article):
    return reverse("articles:staff_preview", args=[article.pk])


def share_url(article):
    return reverse("admin:articles_article_share", args=[article.pk])


def assert_private(response):
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"


@pytest.mark.parametrize("make", UNPUBLISHED, ids=UNPUBLISHED_IDS)
@pytest.mark.parametrize("who", ["journalist", "editor"])
def test_staff_preview_unpublished_articles_as_readers_will_see_them(client, request, make, who):
    article = make(headline="Not out yet", body="<p>The whole story.</p>")
    client.force_login(request.getfixturevalue(who))

    response = client.get(preview_url(article))

    assert response.status_code == 200
    assert response.templates[0].name == "articles/article_detail.html"
    assert BANNER in response.text
    assert "Not out yet" in response.text and "The whole story." in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert_private(response)


@pytest.mark.parametrize("make", UNPUBLISHED, ids=UNPUBLISHED_IDS)
def test_readers_still_get_404(client, django_user_model, make):
    article = make()
    reader = Client()
    reader.force_login(django_user_model.objects.create_user("reader"))

    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(preview_url(article)).status_code == 404
    assert reader.get(preview_url(article)).status_code == 404
    assert BANNER not in client.get(preview_url(article)).text


def test_the_public_page_has_no_preview_banner(client):
    article = ArticleFactory()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert BANNER not in response.text
    assert 'content="noindex, nofollow"' not in response.text


def test_the_form_links_to_the_preview(client, journalist):
    article = draft(created_by=journalist)
    client.force_login(journalist)

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert preview_url(article) in response.text


# --- Share links -----------------------------------------------------------------------------


def make_link(client, article, hours="24", recipient="Our lawyer"):
    response = client.post(share_url(article), {"recipient": recipient, "expires_in": hours})
    assert response.status_code == 302
    return PreviewLink.objects.filter(article=article).latest("pk")


def test_a_share_link_shows_the_preview_to_someone_without_an_account(client, editor):
    article = draft(headline="Embargoed investigation")
    client.force_login(editor)
    link = make_link(client, article)

    response = Client().get(link.get_absolute_url())

    assert response.status_code == 200
    assert BANNER in response.text
    assert "Embargoed investigation" in response.text
    assert_private(response)
    assert response["Referrer-Policy"] == "no-referrer"
    assert link.created_by == editor
    assert link.recipient == "Our lawyer"


def test_the_share_page_lists_the_link_to_copy(client, editor):
    article = draft()
    client.force_login(editor)
    link = make_link(client, article)

    response = client.get(share_url(article))

    assert response.status_code == 200
    assert link.get_absolute_url() in response.text
    assert "Our lawyer" in response.text


def test_a_share_link_stops_working_when_it_expires(client, editor):
    article = draft()
    client.force_login(editor)
    link = make_link(client, article, hours="1")
    stranger = Client()

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=59)):
        assert stranger.get(link.get_absolute_url()).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=61)):
        response = stranger.get(link.get_absolute_url())

    assert response.status_code == 404
    assert article.headline not in response.text
    assert_private(response)


def test_a_revoked_share_link_stops_working_at_once(client, editor):
    article = draft()
    client.force_login(editor)
    link = make_link(client, article)
    stranger = Client()
    assert stranger.get(link.get_absolute_url()).status_code == 200

    response = client.post(
        reverse("admin:articles_article_revoke_link", args=[article.pk, link.pk])
    )

    assert response.status_code == 302
    gone = stranger.get(link.get_absolute_url())
    assert gone.status_code == 404
    assert article.headline not in gone.text


def test_an_altered_share_link_does_not_work(client, editor):
    article = draft()
    client.force_login(editor)
    link = make_link(client, article)
    other = PreviewLink(key="x" * 32)

    assert Client().get(reverse("articles:shared_preview", args=[link.key])).status_code == 404
    assert Client().get(other.get_absolute_url()).status_code == 404
    assert Client().get(link.get_absolute_url()[:-3] + "abc/").status_code == 404


def test_journalist_cannot_make_or_revoke_share_links(client, journalist, editor):
    article = draft(created_by=journalist)
    link = PreviewLink.objects.create(
        article=article,
        recipient="Translator",
        expires_at=timezone.now() + datetime.timedelta(days=1),
        created_by=editor,
    )
    client.force_login(journalist)

    page = client.get(share_url(article))
    made = client.post(share_url(article), {"recipient": "A source", "expires_in": "24"})
    revoked = client.post(reverse("admin:articles_article_revoke_link", args=[article.pk, link.pk]))

    assert page.status_code == made.status_code == revoked.status_code == 403
    assert list(PreviewLink.objects.values_list("recipient", "revoked_at")) == [
        ("Translator", None)
    ]
    assert (
        "Share preview"
        not in client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    )


def test_editor_revokes_links_from_the_list_of_all_links(client, editor):
    links = [
        PreviewLink.objects.create(
            article=draft(), recipient=name, expires_at=timezone.now() + datetime.timedelta(days=1)
        )
        for name in ("Lawyer", "Translator")
    ]
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_previewlink_changelist"),
        {"action": "revoke", "_selected_action": [str(link.pk) for link in links]},
    )

    assert response.status_code == 302
    assert not PreviewLink.objects.active().exists()


def test_preview_addresses_handed_out_before_keep_working(client, editor):
    """Links already shared or bookmarked name these paths, whatever the views are called."""
    article = draft(headline="Not out yet")
    link = PreviewLink.objects.create(
        article=article,
        recipient="our lawyer",
        created_by=editor,
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    client.force_login(editor)
    assert preview_url(article) == f"/preview/article/{article.pk}/"
    assert link.get_absolute_url() == f"/preview/{link.token}/"

    assert "Not out yet" in client.get(f"/preview/article/{article.pk}/").text
    assert "Not out yet" in Client().get(f"/preview/{link.token}/").text
