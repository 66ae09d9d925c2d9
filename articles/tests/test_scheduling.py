"""Scheduling without a worker, and the embargo floor: stories appear on time, never earlier."""

import copy
import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article
from articles.tests.desk import change_url, press
from articles.tests.factories import ArticleFactory, draft, in_review
from articles.tests.test_admin import CHANGELIST_URL, publish_time_fields, run_action
from articles.writing import write_article
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)  # 11:30 in Kyiv
FEED_URL = reverse("frontpage:front")
QUEUE_URL = reverse("admin:articles_article_queue")


def visible_everywhere(reader, article, author):
    """Whether ``article`` shows on the feed, its author's page and its own address."""
    places = [
        article.headline in reader.get(FEED_URL).text,
        article.headline in reader.get(author.get_absolute_url()).text,
        reader.get(article.get_absolute_url()).status_code == 200,
    ]
    assert len(set(places)) == 1, places
    return places[0]


def test_a_scheduled_story_appears_at_its_time_on_feed_author_page_and_address(client, editor):
    author = AuthorFactory(name="Kateryna Hodunova")
    with time_machine.travel(NOW, tick=False):
        article = in_review(headline="Grain corridor reopens", authors=[author])
        client.force_login(editor)
        at = NOW + datetime.timedelta(hours=2)
        response = press(client, article, step="schedule", **publish_time_fields(at))
        assert response.status_code == 302
    reader = Client()

    with time_machine.travel(at - datetime.timedelta(seconds=1), tick=False):
        assert visible_everywhere(reader, article, author) is False
    with time_machine.travel(at, tick=False):
        assert visible_everywhere(reader, article, author) is True


def test_editors_see_exactly_when_a_scheduled_story_goes_live(client, editor):
    with time_machine.travel(NOW, tick=False):
        article = in_review()
        client.force_login(editor)
        at = NOW + datetime.timedelta(hours=2, minutes=15)
        response = press(client, article, step="schedule", **publish_time_fields(at))
        page = client.get(change_url(article))

    assert (
        "Scheduled: goes live Mon 2 Mar 2026, 13:45 EET"
        in [str(m) for m in response.wsgi_request._messages][0]
    )
    assert (
        "Goes live <strong>Mon 2 Mar 2026, 13:45 EET</strong> (in 2\xa0hours, 15\xa0minutes)"
        in (page.text)
    )


def test_the_queue_lists_scheduled_stories_in_publication_order(client, journalist, editor):
    with time_machine.travel(NOW, tick=False):
        later = ArticleFactory(headline="Later", published_at=NOW + datetime.timedelta(days=1))
        sooner = ArticleFactory(headline="Sooner", published_at=NOW + datetime.timedelta(hours=1))
        held = ArticleFactory(headline="Held", embargo_until=NOW + datetime.timedelta(hours=5))
        ArticleFactory(headline="Live already", published_at=NOW - datetime.timedelta(hours=1))
        draft(headline="Just a draft")
        client.force_login(journalist)
        response = client.get(QUEUE_URL)

    assert response.status_code == 200
    assert [row["article"] for row in response.context["rows"]] == [sooner, held, later]
    assert [row["goes_live"] for row in response.context["rows"]] == [
        "Mon 2 Mar 2026, 12:30 EET",
        "Mon 2 Mar 2026, 16:30 EET",
        "Tue 3 Mar 2026, 11:30 EET",
    ]
    assert "Embargo until" in response.text


def test_the_article_list_links_to_the_queue(client, editor):
    client.force_login(editor)

    response = client.get(CHANGELIST_URL)

    assert QUEUE_URL in response.text


# --- Embargo ---------------------------------------------------------------------------------


def test_publish_now_under_embargo_schedules_for_when_it_lifts_and_says_so(client, editor):
    lifts = NOW + datetime.timedelta(hours=3)
    with time_machine.travel(NOW, tick=False):
        article = in_review(embargo_until=lifts)
        client.force_login(editor)
        response = press(client, article, step="publish")
        article.refresh_from_db()
        messages = [str(m) for m in response.wsgi_request._messages]

    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, lifts)
    assert messages == [
        "Embargoed until Mon 2 Mar 2026, 14:30 EET: nobody can publish before then, "
        "so it is scheduled to go live at Mon 2 Mar 2026, 14:30 EET."
    ]
    with time_machine.travel(lifts - datetime.timedelta(seconds=1), tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists() is False
    with time_machine.travel(lifts, tick=False):
        assert list(Article.objects.published()) == [article]


def test_scheduling_before_the_embargo_moves_to_when_it_lifts(client, editor):
    lifts = NOW + datetime.timedelta(hours=3)
    with time_machine.travel(NOW, tick=False):
        article = in_review(embargo_until=lifts)
        client.force_login(editor)
        press(
            client,
            article,
            step="schedule",
            **publish_time_fields(NOW + datetime.timedelta(hours=1)),
        )

    article.refresh_from_db()
    assert article.published_at == lifts


def test_the_publish_now_action_respects_the_embargo(client, editor):
    lifts = NOW + datetime.timedelta(hours=3)
    with time_machine.travel(NOW, tick=False):
        held, free = in_review(embargo_until=lifts), in_review()
        client.force_login(editor)
        response = run_action(client, "publish_now", held, free)
        messages = [str(m) for m in response.wsgi_request._messages]
        assert list(Article.objects.published()) == [free]

    held.refresh_from_db()
    assert held.published_at == lifts
    assert "1 under embargo: scheduled for the moment the embargo lifts." in messages


def test_nobody_publishes_before_the_embargo_whatever_the_path(editor):
    lifts = timezone.now() + datetime.timedelta(hours=3)
    article = draft(embargo_until=lifts)

    # Asked for before the embargo lifts (a time in the past is refused: see test_publishing.py).
    publishing.publish_article(
        article=article, editor=editor, at=timezone.now() + datetime.timedelta(hours=1)
    )

    article.refresh_from_db()
    assert article.published_at == lifts
    assert article.is_published() is False
    # Written by any other service, the one writer keeps the floor too.
    stored = copy.copy(article)
    article.published_at = timezone.now()
    write_article(article, stored=stored)
    assert article.published_at == lifts


def test_an_embargoed_story_is_on_no_public_surface_but_in_preview(client, editor):
    author = AuthorFactory()
    article = ArticleFactory(
        authors=[author], embargo_until=timezone.now() + datetime.timedelta(hours=1)
    )
    reader = Client()

    assert visible_everywhere(reader, article, author) is False
    client.force_login(editor)
    assert client.get(reverse("articles:staff_preview", args=[article.pk])).status_code == 200


def test_the_desk_shows_embargoed_stories_clearly(client, editor):
    ArticleFactory(
        headline="Held story", embargo_until=timezone.now() + datetime.timedelta(hours=1)
    )
    article = draft(embargo_until=timezone.now() + datetime.timedelta(hours=2))
    client.force_login(editor)

    listing = client.get(CHANGELIST_URL, {"publication": "embargoed"})
    form = client.get(change_url(article))

    assert {a.headline for a in listing.context["cl"].result_list} == {
        "Held story",
        article.headline,
    }
    assert 'class="desk-badge desk-badge--embargo"' in listing.text
    assert "Embargoed: nobody can publish before" in form.text
