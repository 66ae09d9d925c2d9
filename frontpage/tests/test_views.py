"""The front page readers see: lead, top stories, the feed, Show more, the banner."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.tests.factories import ArticleFactory
from authors.tests.factories import AuthorFactory
from frontpage.banners import save_banner
from frontpage.models import BreakingBanner, FrontSlot
from frontpage.placing import place_story
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

FRONT_URL = reverse("frontpage:front")
LEAD, TOP_1 = FrontSlot.Position.LEAD, FrontSlot.Position.TOP_1


def post_banner(editor, text="Air raid alert in Kyiv", url="/news/alert/", **fields):
    return save_banner(banner=BreakingBanner(text=text, url=url, **fields), editor=editor)


def test_the_front_shows_the_lead_top_stories_and_the_feed(client, editor):
    stories = [ArticleFactory(headline=f"Story {n}") for n in range(12)]
    place_story(position=LEAD, article=stories[7], editor=editor)

    response = client.get(FRONT_URL)

    assert response.status_code == 200
    content = response.content.decode()
    lead = content.split('class="lead-story"')[1].split("</section>")[0]
    assert "Story 7" in lead
    top = content.split('class="top-stories"')[1].split("</section>")[0]
    assert [s.headline for s in response.context["top_stories"]] == [
        "Story 0",
        "Story 1",
        "Story 2",
        "Story 3",
    ]
    assert "Story 0" in top and "Story 7" not in top
    feed = content.split('<ol class="feed feed--cards" data-feed>')[1]
    assert "Story 7" not in feed and "Story 0" not in feed
    assert "Story 4" in feed and "Story 11" in feed


def lead_card(response):
    return response.content.decode().split('class="lead-story"')[1].split("</section>")[0]


def test_the_lead_story_shows_its_teaser(client, editor):
    lead = ArticleFactory(headline="Parliament votes", dek="A budget for the army, at last.")
    place_story(position=LEAD, article=lead, editor=editor)
    card = lead_card(client.get(FRONT_URL))
    assert '<p class="card__dek">A budget for the army, at last.</p>' in card


def test_a_lead_story_without_a_dek_is_introduced_by_its_opening_paragraph(client, editor):
    lead = ArticleFactory(
        headline="North Korea sends migrants to Russia",
        dek="",
        body="<blockquote><p>A quote first.</p></blockquote>"
        "<p>North Korea sent about <em>15,000</em> labor migrants to Russia, the WSJ &amp; "
        "others reported.</p><p>The second paragraph stays on the story page.</p>",
    )
    place_story(position=LEAD, article=lead, editor=editor)
    card = lead_card(client.get(FRONT_URL))
    assert (
        '<p class="card__dek">North Korea sent about 15,000 labor migrants to Russia, the WSJ '
        "&amp; others reported.</p>"
    ) in card
    assert "second paragraph" not in card and "A quote first" not in card


def test_show_more_continues_without_repeating_a_placed_story(client, editor):
    stories = [ArticleFactory() for _ in range(30)]
    place_story(position=TOP_1, article=stories[28], editor=editor)
    first = client.get(FRONT_URL)
    second = client.get(FRONT_URL, {"before": first.context["page"].next_cursor, "fragment": "1"})

    assert second.status_code == 200
    assert "<html" not in second.content.decode()
    listed = [a.headline for a in second.context["page"].items]
    assert stories[28].headline not in listed
    assert listed == [s.headline for s in stories[24:28] + stories[29:]]


def test_an_empty_newsroom_shows_an_empty_feed(client):
    response = client.get(FRONT_URL)
    assert response.status_code == 200
    assert response.context["lead"] is None
    assert "No stories yet." in response.content.decode()


def test_query_count_stays_flat_with_placed_stories(client, editor, django_assert_num_queries):
    authors, image = [AuthorFactory() for _ in range(2)], ImageFactory()
    stories = [
        ArticleFactory(authors=authors, tags=["war", "energy"], lead_image=image) for _ in range(40)
    ]
    place_story(position=LEAD, article=stories[30], editor=editor)
    place_story(position=TOP_1, article=stories[35], editor=editor)
    post_banner(editor)
    client.get(FRONT_URL)  # makes and stores the image renditions
    # navigation, the banner, the placed stories, the page, bylines (cards show no tags; each
    # image's row indexes its renditions)
    with django_assert_num_queries(5):
        response = client.get(FRONT_URL)
    assert response.context["lead"] == stories[30]
    cursor = response.context["page"].next_cursor
    client.get(FRONT_URL, {"before": cursor})
    with django_assert_num_queries(5):  # the placed stories' ids instead of the placed stories
        client.get(FRONT_URL, {"before": cursor})


class TestBanner:
    def test_shows_on_every_public_page_until_it_expires(self, client, editor):
        story = ArticleFactory(headline="Story", authors=[AuthorFactory()])
        author = story.bylines.get().author
        post_banner(editor, expires_at=timezone.now() + datetime.timedelta(minutes=10))
        pages = [FRONT_URL, story.get_absolute_url(), author.get_absolute_url(), "/search/?q=story"]
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, path
            html = response.content.decode()
            assert 'class="breaking-banner" role="region" aria-label="Breaking news"' in html, path
            assert '<a class="breaking-banner__link" href="/news/alert/">Air raid alert' in html

        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
            for path in pages:
                assert 'class="breaking-banner"' not in client.get(path).content.decode(), path

    def test_expires_after_thirty_minutes_by_default(self, client, editor):
        with time_machine.travel(datetime.datetime(2026, 5, 4, 15, 0, tzinfo=datetime.UTC)):
            banner = post_banner(editor)
        assert banner.expires_at == datetime.datetime(2026, 5, 4, 15, 30, tzinfo=datetime.UTC)

    def test_a_new_banner_replaces_the_running_one(self, client, editor):
        first = post_banner(editor, text="First alert")
        post_banner(editor, text="Second alert")
        first.refresh_from_db()
        assert first.is_active() is False
        html = client.get(FRONT_URL).content.decode()
        assert "Second alert" in html and "First alert" not in html

    def test_is_not_shown_on_the_desk(self, client, editor):
        post_banner(editor)
        client.force_login(editor)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 200
        assert "Air raid alert" not in response.content.decode()

    @pytest.mark.parametrize(
        "url",
        ["javascript:alert(1)", "http://example.com/", "//evil.example/", "/\\evil", "ftp://x/"],
    )
    def test_refuses_links_that_are_not_internal_or_https(self, editor, url):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as refused:
            post_banner(editor, url=url)
        assert "url" in refused.value.message_dict
        assert not BreakingBanner.objects.exists()

    def test_text_is_short(self, editor):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as refused:
            post_banner(editor, text="x" * 121)
        assert "text" in refused.value.message_dict

    def test_takes_an_https_link(self, client, editor):
        post_banner(editor, url="https://example.org/live")
        assert 'href="https://example.org/live"' in client.get(FRONT_URL).content.decode()
