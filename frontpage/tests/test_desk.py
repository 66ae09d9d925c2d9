"""The desk's front-page screens: editors place and post, journalists are refused, history."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.tests.factories import ArticleFactory, draft
from frontpage.models import BreakingBanner, FrontSlot, FrontSlotChange
from frontpage.placing import place_story

pytestmark = pytest.mark.django_db

ADD_SLOT = reverse("admin:frontpage_frontslot_add")
ADD_BANNER = reverse("admin:frontpage_breakingbanner_add")
FRONT_AT = reverse("admin:frontpage_frontslot_at")
LEAD, TOP_1 = FrontSlot.Position.LEAD, FrontSlot.Position.TOP_1


def slot_pk(position, language="en"):
    return FrontSlot.objects.get(language=language, position=position).pk


def slot_form(article, position=LEAD, expires_at=""):
    return {"position": position, "article": article.pk, "expires_at": expires_at}


def test_an_editor_places_the_lead_from_the_desk(client, editor):
    story = ArticleFactory(headline="Dam breached")
    client.force_login(editor)

    response = client.post(ADD_SLOT, slot_form(story))

    assert response.status_code == 302
    slot = FrontSlot.objects.get()
    assert (slot.position, slot.article, slot.placed_by) == (LEAD, story, editor)
    change = FrontSlotChange.objects.get()
    assert (change.headline, change.changed_by) == ("Dam breached", editor)
    assert "Dam breached" in client.get("/").content.decode().split('class="lead-story"')[1]


def test_the_desk_form_refuses_a_draft_with_a_field_error(client, editor):
    client.force_login(editor)
    response = client.post(ADD_SLOT, slot_form(draft()))
    assert response.status_code == 200
    assert "Only a published (or scheduled) story" in response.content.decode()
    assert not FrontSlot.objects.exists()
    assert not FrontSlotChange.objects.exists()


def test_an_editor_replaces_a_slot_and_sets_its_expiry(client, editor):
    first, second = ArticleFactory(), ArticleFactory()
    place_story(position=TOP_1, article=first, editor=editor)
    client.force_login(editor)
    until = timezone.localtime() + datetime.timedelta(hours=3)

    response = client.post(
        reverse("admin:frontpage_frontslot_change", args=[slot_pk(TOP_1)]),
        {
            "article": second.pk,
            "expires_at_0": until.strftime("%Y-%m-%d"),
            "expires_at_1": until.strftime("%H:%M:%S"),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    slot = FrontSlot.objects.get()
    assert slot.article == second
    assert slot.expires_at.replace(microsecond=0) == until.replace(microsecond=0)
    assert FrontSlotChange.objects.count() == 2


def test_clearing_a_slot_is_recorded(client, editor):
    place_story(position=LEAD, article=ArticleFactory(), editor=editor)
    client.force_login(editor)
    response = client.post(
        reverse("admin:frontpage_frontslot_delete", args=[slot_pk(LEAD)]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not FrontSlot.objects.exists()
    assert FrontSlotChange.objects.first().is_clearing is True


def test_a_journalist_cannot_change_the_front(client, editor, journalist):
    placed = ArticleFactory()
    place_story(position=LEAD, article=placed, editor=editor)
    client.force_login(journalist)
    other = ArticleFactory()

    lead = slot_pk(LEAD)
    attempts = [
        client.post(ADD_SLOT, slot_form(other, position=TOP_1)),
        client.post(reverse("admin:frontpage_frontslot_change", args=[lead]), slot_form(other)),
        client.post(reverse("admin:frontpage_frontslot_delete", args=[lead]), {"post": "yes"}),
        client.post(ADD_BANNER, {"text": "Fake alert", "url": "/"}),
        client.get(FRONT_AT),
    ]

    assert [response.status_code for response in attempts] == [403] * 5
    assert list(FrontSlot.objects.values_list("position", "article")) == [(LEAD, placed.pk)]
    assert FrontSlotChange.objects.count() == 1
    assert not BreakingBanner.objects.exists()


def test_an_editor_posts_a_banner_with_the_default_expiry(client, editor):
    client.force_login(editor)
    form = client.get(ADD_BANNER)
    assert form.status_code == 200
    now = timezone.now()
    until = timezone.localtime(now + datetime.timedelta(minutes=30))

    response = client.post(
        ADD_BANNER,
        {
            "text": "Blackout in Kharkiv",
            "url": "/news/blackout/",
            "expires_at_0": until.strftime("%Y-%m-%d"),
            "expires_at_1": until.strftime("%H:%M:%S"),
        },
    )

    assert response.status_code == 302
    banner = BreakingBanner.objects.get()
    assert banner.created_by == editor
    assert abs(banner.expires_at - (now + datetime.timedelta(minutes=30))) < datetime.timedelta(
        seconds=5
    )


def test_the_banner_form_refuses_a_foreign_scheme(client, editor):
    client.force_login(editor)
    until = timezone.localtime() + datetime.timedelta(minutes=30)
    response = client.post(
        ADD_BANNER,
        {
            "text": "Click",
            "url": "javascript:alert(1)",
            "expires_at_0": until.strftime("%Y-%m-%d"),
            "expires_at_1": until.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 200
    assert "https://" in response.content.decode()
    assert not BreakingBanner.objects.exists()


def test_ending_a_banner_now_takes_it_off_the_site(client, editor):
    banner = BreakingBanner.objects.create(text="Old alert", url="/")
    client.force_login(editor)
    response = client.post(
        reverse("admin:frontpage_breakingbanner_changelist"),
        {"action": "end_now", "_selected_action": [banner.pk]},
    )
    assert response.status_code == 302
    banner.refresh_from_db()
    assert banner.is_active() is False
    assert "Old alert" not in client.get("/").content.decode()


def test_the_desk_shows_the_front_as_it_was(client, editor):
    then = datetime.datetime(2026, 5, 4, 12, 0, tzinfo=datetime.UTC)
    earlier, later = ArticleFactory(headline="Morning lead"), ArticleFactory(headline="Noon lead")
    with time_machine.travel(then, tick=False):
        place_story(position=LEAD, article=earlier, editor=editor)
    with time_machine.travel(then + datetime.timedelta(hours=2), tick=False):
        place_story(position=LEAD, article=later, editor=editor)
    client.force_login(editor)

    at_one = timezone.localtime(then + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.get(FRONT_AT, {"at": at_one})

    assert response.status_code == 200
    slots = response.content.decode().split("Changes up to then")[0]
    assert "Morning lead" in slots and "Noon lead" not in slots
    assert "editor" in slots
    now = client.get(FRONT_AT).content.decode().split("Changes up to then")[0]
    assert "Noon lead" in now


def test_a_damaged_time_shows_the_front_now(client, editor):
    place_story(position=LEAD, article=ArticleFactory(headline="Lead now"), editor=editor)
    client.force_login(editor)
    response = client.get(FRONT_AT, {"at": "yesterday-ish"})
    assert response.status_code == 200
    assert "Enter a valid date/time" in response.content.decode()
    assert "Lead now" in response.content.decode()


def test_a_banner_left_at_the_offered_expiry_runs_thirty_minutes_from_posting(client, editor):
    opened = datetime.datetime(2026, 5, 4, 15, 0, tzinfo=datetime.UTC)
    client.force_login(editor)
    with time_machine.travel(opened, tick=False):
        offered = client.get(ADD_BANNER).context["adminform"].form["expires_at"].value()
    offered = timezone.localtime(offered)
    date, time = offered.strftime("%Y-%m-%d"), offered.strftime("%H:%M:%S")
    with time_machine.travel(opened + datetime.timedelta(minutes=10), tick=False):
        response = client.post(
            ADD_BANNER,
            {
                "text": "Blackout",
                "url": "/",
                "expires_at_0": date,
                "expires_at_1": time,
                "initial-expires_at_0": date,
                "initial-expires_at_1": time,
            },
        )
    assert response.status_code == 302
    assert BreakingBanner.objects.get().expires_at == opened + datetime.timedelta(minutes=40)


def test_the_story_picker_finds_stories_by_headline(client, editor):
    story = ArticleFactory(headline="Dam breached near Kherson")
    ArticleFactory(headline="Something else")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "frontpage",
            "model_name": "frontslot",
            "field_name": "article",
            "term": "Kherson",
        },
    )
    assert response.status_code == 200
    assert [int(result["id"]) for result in response.json()["results"]] == [story.pk]
