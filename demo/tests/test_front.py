"""``load_demo`` gives the front a placed lead, an expiring top story and a breaking banner."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from frontpage.models import BreakingBanner, FrontSlot, FrontSlotChange

pytestmark = pytest.mark.django_db

SEED_HEADLINE = (
    "North Korea sends nearly 15,000 migrants to Russia to cover labor market shortage, WSJ reports"
)


def load_demo():
    call_command("load_demo", "--articles", "8", stdout=io.StringIO())


def test_the_demo_front_has_a_lead_an_expiring_slot_and_a_banner(client, settings):
    settings.DEBUG = True  # demo logins are only made in debug mode
    load_demo()

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["lead"].headline == SEED_HEADLINE
    expiring = FrontSlot.objects.get(language="en", position=FrontSlot.Position.TOP_1)
    assert expiring.expires_at > timezone.now()
    assert response.context["top_stories"][0] == expiring.article
    html = response.content.decode()
    assert 'class="breaking-banner"' in html
    banner = BreakingBanner.objects.get()
    assert f'href="{banner.url}"' in html
    # Both steer readers to the story the desk covers live.
    live_story = expiring.article
    assert live_story.is_live
    assert banner.text == f"Live: {live_story.headline}"
    assert banner.url == live_story.get_absolute_url()
    english_changes = FrontSlotChange.objects.filter(language="en", changed_by__username="editor")
    assert english_changes.count() == 2


def test_loading_the_demo_again_adds_nothing(settings):
    settings.DEBUG = True
    load_demo()
    counts = (FrontSlot.objects.count(), FrontSlotChange.objects.count())
    banner = BreakingBanner.objects.get()

    load_demo()

    assert (FrontSlot.objects.count(), FrontSlotChange.objects.count()) == counts
    assert list(BreakingBanner.objects.values_list("pk", flat=True)) == [banner.pk]
