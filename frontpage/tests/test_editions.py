"""Each edition's front: its own placed stories and banner, never another edition's story."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.tests.factories import ArticleFactory
from frontpage.banners import save_banner
from frontpage.models import BreakingBanner, FrontSlot, FrontSlotChange
from frontpage.placing import clear_slot, front_at, place_story

pytestmark = pytest.mark.django_db

LEAD = FrontSlot.Position.LEAD
ADD_SLOT = reverse("admin:frontpage_frontslot_add")
ADD_BANNER = reverse("admin:frontpage_breakingbanner_add")


def lead_of(client, path):
    lead = client.get(path).context["lead"]
    return lead.headline if lead else None


def test_each_edition_places_its_own_lead(client, editor):
    # Each story a minute older than the one before: the placed ones are not the newest.
    ArticleFactory(headline="Newer English story")
    english = ArticleFactory(headline="Ferries cross again")
    ArticleFactory(headline="Новіша історія", language="uk")
    ukrainian = ArticleFactory(headline="Пороми знову ходять", language="uk")

    place_story(position=LEAD, article=english, editor=editor)
    place_story(position=LEAD, article=ukrainian, editor=editor, language="uk")

    assert lead_of(client, "/") == "Ferries cross again"
    assert lead_of(client, "/uk/") == "Пороми знову ходять"
    assert FrontSlot.objects.count() == 2
    # Clearing one edition's lead leaves the other's.
    clear_slot(position=LEAD, editor=editor, language="uk")
    assert lead_of(client, "/uk/") == "Новіша історія"
    assert lead_of(client, "/") == "Ferries cross again"
    assert [p.change.headline for p in front_at_now("en") if p.is_filled] == ["Ferries cross again"]


def front_at_now(language):
    return front_at(timezone.now(), language)


def test_a_slot_refuses_a_story_of_another_edition(editor):
    ukrainian = ArticleFactory(headline="Пороми", language="uk")

    with pytest.raises(ValidationError) as refused:
        place_story(position=LEAD, article=ukrainian, editor=editor)

    assert "only takes stories of its own edition" in str(refused.value.message_dict["article"])
    assert not FrontSlot.objects.exists()
    assert not FrontSlotChange.objects.exists()


def test_the_desk_form_says_why_and_places_nothing(client, editor):
    ukrainian = ArticleFactory(headline="Пороми", language="uk")
    client.force_login(editor)

    refused = client.post(ADD_SLOT, {"language": "en", "position": LEAD, "article": ukrainian.pk})
    placed = client.post(ADD_SLOT, {"language": "uk", "position": LEAD, "article": ukrainian.pk})

    assert refused.status_code == 200
    assert "only takes stories of its own edition" in refused.content.decode()
    assert placed.status_code == 302
    assert list(FrontSlot.objects.values_list("language", "position", "article")) == [
        ("uk", LEAD, ukrainian.pk)
    ]
    assert "Пороми" in client.get("/uk/").content.decode().split('class="lead-story"')[1]


def test_the_desk_lists_and_filters_slots_by_edition(client, editor):
    place_story(position=LEAD, article=ArticleFactory(headline="English lead"), editor=editor)
    place_story(
        position=LEAD,
        article=ArticleFactory(headline="Українська", language="uk"),
        editor=editor,
        language="uk",
    )
    client.force_login(editor)
    changelist = reverse("admin:frontpage_frontslot_changelist")

    only_uk = client.get(changelist, {"language": "uk"}).content.decode()

    assert "Українська" in only_uk and "English lead" not in only_uk
    opened = client.get(ADD_SLOT, {"language": "uk"}).content.decode()
    assert "Lead story — now: Українська" in opened


def test_each_edition_shows_its_own_banner(client, editor):
    story = ArticleFactory(slug="poromy", language="uk")
    save_banner(banner=BreakingBanner(text="Alert in English", url="/"), editor=editor)
    save_banner(
        banner=BreakingBanner(text="Тривога", url="/uk/news/poromy/", language="uk"), editor=editor
    )

    english, ukrainian = client.get("/").content.decode(), client.get("/uk/").content.decode()

    assert "Alert in English" in english and "Тривога" not in english
    assert "Тривога" in ukrainian and "Alert in English" not in ukrainian
    # Posting one edition's banner ended no other edition's.
    assert BreakingBanner.objects.active().count() == 2
    assert BreakingBanner.objects.get(language="uk").article == story


def test_a_banner_leads_only_to_a_story_of_its_edition(client, editor):
    ArticleFactory(slug="poromy", language="uk")
    client.force_login(editor)

    response = client.post(
        ADD_BANNER, {"language": "en", "text": "Ferries", "url": "/uk/news/poromy/"}
    )

    assert response.status_code == 200
    assert "leads to a story of its own edition" in response.content.decode()
    assert not BreakingBanner.objects.exists()


def test_the_front_at_a_time_shows_the_chosen_editions_slots(client, editor):
    place_story(position=LEAD, article=ArticleFactory(headline="English lead"), editor=editor)
    place_story(
        position=LEAD,
        article=ArticleFactory(headline="Пороми на першій", language="uk"),
        editor=editor,
        language="uk",
    )
    client.force_login(editor)
    front_at_url = reverse("admin:frontpage_frontslot_at")

    english = client.get(front_at_url).content.decode()
    ukrainian = client.get(front_at_url, {"language": "uk"}).content.decode()

    assert "English lead" in english and "Пороми на першій" not in english
    assert "Пороми на першій" in ukrainian and "English lead" not in ukrainian
