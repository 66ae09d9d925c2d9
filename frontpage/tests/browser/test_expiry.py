"""In a real browser: a placed lead and a banner stay until their time, then go by themselves."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from frontpage.banners import save_banner
from frontpage.models import BreakingBanner, FrontSlot
from frontpage.placing import place_story

pytestmark = pytest.mark.browser

LEAD_HEADLINE = ".lead-story h2 a"


def seed_story():
    return Article.objects.get(headline__startswith="North Korea sends nearly 15,000")


@pytest.fixture
def editor(demo):
    # Each live-server test flushes the database, the groups the migrations made included.
    return User.objects.create_superuser("front-editor")


def test_a_placed_lead_falls_back_when_its_time_passes(reader, editor):
    newest = Article.objects.published().newest_first().first()
    seed = seed_story()
    assert seed != newest
    until = timezone.now() + datetime.timedelta(hours=2)
    place_story(position=FrontSlot.Position.LEAD, article=seed, expires_at=until, editor=editor)

    page = reader.open("/")
    expect(page.locator(LEAD_HEADLINE)).to_have_text(seed.headline)
    expect(page.locator("[data-feed]")).not_to_contain_text(seed.headline)

    with time_machine.travel(until + datetime.timedelta(seconds=1)):
        page.reload()
        expect(page.locator(LEAD_HEADLINE)).to_have_text(newest.headline)
        expect(page.locator(".top-stories")).not_to_contain_text(seed.headline)


def test_the_banner_goes_when_it_expires(reader, editor):
    until = timezone.now() + datetime.timedelta(minutes=30)
    save_banner(
        banner=BreakingBanner(
            text="Air raid alert across Ukraine", url="/news/alert/", expires_at=until
        ),
        editor=editor,
    )
    page = reader.open(seed_story().get_absolute_url())
    banner = page.get_by_role("region", name="Breaking news")
    expect(banner).to_contain_text("Air raid alert across Ukraine")

    with time_machine.travel(until + datetime.timedelta(seconds=1)):
        page.reload()
        expect(page.get_by_role("region", name="Breaking news")).to_have_count(0)
        expect(page.locator("h1")).to_contain_text("North Korea")
