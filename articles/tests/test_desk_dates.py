"""Dates on the desk are read as the newsroom writes them: the day first, ISO always, one zone."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from articles.models import Article
from articles.tests.desk import change_url, press
from articles.tests.factories import ArticleFactory, in_review
from frontpage.models import BreakingBanner

pytestmark = pytest.mark.django_db

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")
NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=KYIV)  # a Tuesday morning in Kyiv


def schedule(client, article, date, time="09:00"):
    return press(client, article, step="schedule", published_at_0=date, published_at_1=time)


def publish_time(article):
    return Article.objects.get(pk=article.pk).published_at


@pytest.mark.parametrize(
    "typed",
    ["01/02/2027", "1/2/2027", "01/02/27", "2027-02-01"],
    ids=["day-first", "no-zeros", "two-digit-year", "iso"],
)
def test_a_typed_date_is_the_day_first_one_whatever_its_form(client, editor, typed):
    article = in_review()
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        response = schedule(client, article, typed)

    assert response.status_code == 302
    assert publish_time(article) == datetime.datetime(2027, 2, 1, 9, 0, tzinfo=KYIV)


def test_a_date_an_american_reading_puts_in_the_past_is_scheduled_for_the_day_meant(client, editor):
    article = in_review()
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        response = schedule(client, article, "07/12/2026", "18:30")

    assert response.status_code == 302
    assert publish_time(article) == datetime.datetime(2026, 12, 7, 18, 30, tzinfo=KYIV)
    message = [str(m) for m in response.wsgi_request._messages][0]
    assert "Scheduled: goes live Mon 7 Dec 2026, 18:30 EET" in message


@override_settings(LANGUAGE_CODE="en-us")
def test_a_newsroom_that_chose_american_english_gets_the_month_first(client, editor):
    article = in_review()
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        response = schedule(client, article, "01/02/2027")

    assert response.status_code == 302
    assert publish_time(article) == datetime.datetime(2027, 1, 2, 9, 0, tzinfo=KYIV)


def test_a_date_that_is_no_date_is_refused_beside_the_field(client, editor):
    article = in_review()
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        response = schedule(client, article, "31/02/2027")

    assert response.status_code == 200
    assert "Enter a valid date." in response.context["adminform"].form.errors["published_at"]
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    assert publish_time(article) is None


def test_the_form_offers_the_browsers_pickers_and_names_the_zone_once(client, editor):
    at = datetime.datetime(2026, 12, 7, 18, 30, 15, tzinfo=KYIV)
    article = ArticleFactory(status=Article.Status.IN_REVIEW, published_at=at)
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    assert (
        '<input type="date" name="published_at_0" value="2026-12-07" id="id_published_at_0">'
        in page
    )
    assert 'type="time" name="published_at_1" value="18:30:15"' in page
    assert 'type="date" name="embargo_until_0"' in page
    assert page.count("Times are Kyiv time (Europe/Kyiv)") == 1
    # The admin's calendar script is what wrote "You are 2 hours behind server time".
    assert "DateTimeShortcuts.js" not in page
    assert (
        'data-time-zone="Europe/Kyiv" data-zone-label="Kyiv time" data-locale="en-GB" '
        'data-ahead="yes"'
    ) in page
    assert "admin-desk/when.js" in page


def test_a_banners_expiry_reads_the_day_first_too(client, editor):
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("admin:frontpage_breakingbanner_add")).content.decode()
        response = client.post(
            reverse("admin:frontpage_breakingbanner_add"),
            {"text": "Blackout", "url": "/", "expires_at_0": "02/12/2026", "expires_at_1": "08:00"},
        )

    assert page.count("Times are Kyiv time (Europe/Kyiv)") == 1
    assert "DateTimeShortcuts.js" not in page
    assert response.status_code == 302
    banner = BreakingBanner.objects.get()
    assert banner.expires_at == datetime.datetime(2026, 12, 2, 8, 0, tzinfo=KYIV)


def test_the_front_page_at_a_time_reads_the_day_first_too(client, editor):
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("admin:frontpage_frontslot_at"), {"at": "01/11/2026 09:00"})

    assert response.status_code == 200
    assert response.context["moment"] == datetime.datetime(2026, 11, 1, 9, 0, tzinfo=KYIV)
    assert "Front page at 1 Nov 2026, 09:00 EET" in response.content.decode()
