"""Defects 6, 9 and 11–13: where the related box lands, recurring headlines, the story picker,
how the desk says times, and the conflict screen. Each test failed before its fix."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article
from articles.tests.desk import change_url, open_form, press
from articles.tests.factories import ArticleFactory, draft, in_review, scheduled
from articles.tests.test_admin import ADD_URL, article_form
from articles.writing import write_article

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 18, 56, tzinfo=datetime.UTC)
QUEUE_URL = reverse("admin:articles_article_queue")


# --- 6. The inline related box sits between paragraphs, never inside a list or a quote ---------


@pytest.mark.parametrize(
    "body",
    [
        "<p>One.</p><ul><li><p>Item one.</p></li><li><p>Item two.</p></li></ul>"
        "<p>Two.</p><p>Three.</p>",
        "<p>One.</p><blockquote><p>Quoted.</p><p>Still quoted.</p></blockquote>"
        "<p>Two.</p><p>Three.</p><p>Four.</p>",
    ],
)
def test_the_related_box_is_never_put_inside_a_list_or_a_quote(body):
    article = ArticleFactory(body=body)

    before, after = article.split_body()

    assert before + after == article.body
    for tag in ("ul", "li", "blockquote"):
        assert before.count(f"<{tag}>") == before.count(f"</{tag}>")
    assert before.endswith("<p>Two.</p>")


def test_the_article_page_puts_the_related_box_between_top_level_paragraphs(client):
    other = ArticleFactory(headline="The earlier story")
    article = ArticleFactory(
        body="<p>One.</p><ul><li><p>A.</p></li><li><p>B.</p></li></ul><p>Two.</p><p>Three.</p>",
        related=[other],
    )

    page = client.get(article.get_absolute_url()).content.decode()

    box = page.index('class="inline-related"')
    assert page.rindex("</ul>", 0, box) > page.rindex("<ul>", 0, box)


# --- 9. A recurring headline ----------------------------------------------------------------


def test_a_second_story_with_a_recurring_headline_is_saved_with_its_own_address(client, editor):
    ArticleFactory(headline="Morning briefing", slug="morning-briefing")
    client.force_login(editor)

    response = client.post(
        ADD_URL, article_form(headline="Morning briefing", slug="morning-briefing")
    )

    assert response.status_code == 302
    second = Article.objects.exclude(slug="morning-briefing").get(headline="Morning briefing")
    assert second.slug == "morning-briefing-2"
    assert "morning-briefing-2" in client.get(response.url).content.decode()


def test_an_edit_that_takes_another_storys_address_is_refused(client, editor):
    ArticleFactory(slug="taken")
    article = draft(slug="mine")
    client.force_login(editor)

    response = press(client, article, slug="taken")

    assert response.status_code == 200
    assert "Another story already uses this address" in response.content.decode()
    assert Article.objects.get(pk=article.pk).slug == "mine"


# --- 11. The related-story picker -------------------------------------------------------------


def pick(client, term, referer=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "to_article",
        },
        HTTP_REFERER=referer,
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_picker_offers_only_published_stories_and_not_the_story_itself(client, editor):
    live = ArticleFactory(headline="Flood story", published_at=NOW)
    draft(headline="Flood story draft")
    in_review(headline="Flood story in review")
    this_one = ArticleFactory(headline="Flood story today")
    client.force_login(editor)

    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        offered = pick(client, "Flood", referer=f"http://testserver{change_url(this_one)}")

    assert len(offered) == 1
    assert offered[0].startswith(live.headline)


def test_two_stories_with_one_headline_can_be_told_apart_in_the_picker(client, editor):
    ArticleFactory(headline="Weather", published_at=NOW - datetime.timedelta(days=1))
    ArticleFactory(headline="Weather", published_at=NOW - datetime.timedelta(days=2))
    client.force_login(editor)

    offered = pick(client, "Weather")

    assert len(offered) == 2
    assert len(set(offered)) == 2
    assert all("30 Nov 2026" in text or "29 Nov 2026" in text for text in offered)


# --- 12. Times as the desk reads them ---------------------------------------------------------


@pytest.mark.parametrize(
    ("ahead", "said"),
    [
        (datetime.timedelta(seconds=30), "in under a minute"),
        (datetime.timedelta(seconds=119), "in 2 minutes"),
        (datetime.timedelta(minutes=61, seconds=30), "in 1 hour, 2 minutes"),
    ],
)
def test_the_queue_counts_down_the_way_a_clock_does(client, editor, ahead, said):
    article = ArticleFactory(published_at=NOW + ahead)
    client.force_login(editor)

    with time_machine.travel(NOW, tick=False):
        page = client.get(QUEUE_URL).content.decode()

    assert article.headline in page
    assert said in re.sub(r"\s+", " ", page.replace("\xa0", " "))
    assert "0 minutes" not in page


def test_the_preview_of_an_unpublished_story_has_no_empty_time(client, editor):
    article = draft()
    client.force_login(editor)

    page = client.get(reverse("articles:staff_preview", args=[article.pk])).content.decode()

    assert '<time datetime="">' not in page
    assert "Not published yet" in page


def test_the_desk_says_every_time_one_way_with_its_zone(client, editor):
    article = scheduled(in_hours=3)
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    assert not re.search(r"\b[ap]\.m\.", page)
    assert "EET" in page


# --- 13. The conflict screen ------------------------------------------------------------------


def test_the_conflict_screen_shows_words_not_markup_and_says_it_once(client, editor, journalist):
    article = draft(body="<p>The council voted.</p>", created_by=journalist)
    client.force_login(journalist)
    opened = open_form(client, article)
    # Someone else's save meanwhile, through the one writer every desk service uses.
    stored = Article.objects.get(pk=article.pk)
    article.body = "<p>The council voted <strong>31 to 12</strong>.</p>"
    write_article(article, stored=stored)

    response = press(client, article, opened_version=opened, body="<p>The mayor abstained.</p>")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("after you opened it") == 1
    assert "Please correct the error below" not in page
    diff = page[page.index('class="desk-diff"') :]
    diff = diff[: diff.index("</div>")]
    assert "&lt;p&gt;" not in diff and "&lt;strong&gt;" not in diff
    assert "The council voted 31 to 12." in diff
    assert "The mayor abstained." in diff
    assert Article.objects.get(pk=article.pk).body == article.body
