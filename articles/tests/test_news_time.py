import datetime
import re

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone, translation

from articles.times import machine_time, news_time

NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)
VALID_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")


@pytest.mark.parametrize(
    ("age", "label"),
    [
        (datetime.timedelta(seconds=20), "just now"),
        (datetime.timedelta(minutes=12), "12 min ago"),
        (datetime.timedelta(hours=1, minutes=5), "1 hour ago"),
        (datetime.timedelta(hours=23, minutes=59), "23 hours ago"),
        (datetime.timedelta(days=2), "Nov 24, 2026"),
    ],
)
def test_recent_times_are_relative_and_older_ones_dated(age, label):
    with time_machine.travel(NOW, tick=False):
        assert news_time(NOW - age) == label


def test_dates_are_in_the_newsroom_time_zone(settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    late_evening_utc = datetime.datetime(2026, 11, 20, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(NOW, tick=False), timezone.override("Europe/Kyiv"):
        assert news_time(late_evening_utc) == "Nov 21, 2026"


def test_machine_times_are_whole_seconds_in_the_newsroom_time_zone():
    """HTML allows three digits of a fraction of a second at most; Django's "c" writes six."""
    moment = datetime.datetime(2026, 11, 10, 14, 57, 17, 289442, tzinfo=datetime.UTC)
    with timezone.override("Europe/Kyiv"):
        assert machine_time(moment) == "2026-11-10T16:57:17+02:00"
    assert machine_time(None) == ""


def test_every_card_and_article_time_is_a_valid_html_datetime(client, db):
    from articles.tests.factories import ArticleFactory

    article = ArticleFactory(
        published_at=timezone.now().replace(microsecond=289442) - datetime.timedelta(minutes=5)
    )
    pages = [client.get("/"), client.get(article.get_absolute_url())]
    for response in pages:
        attributes = re.findall(r'<time datetime="([^"]*)"', response.content.decode())
        assert attributes, response.request["PATH_INFO"]
        for value in attributes:
            assert VALID_DATETIME.fullmatch(value), value


def test_remembered_dates_follow_the_time_zone_and_language():
    moment = datetime.datetime(2026, 11, 30, 22, 30, tzinfo=datetime.UTC)
    # Django's date filter with the format the language's catalogue gives for the page's one.
    template = Template(
        "{% load i18n news_time %}"
        '{% translate "F j, Y, g:i A" context "date format" as local %}'
        '{{ m|date:local }}|{{ m|news_date:"F j, Y, g:i A" }}'
    )
    seen = set()
    for zone, language in [("Europe/Kyiv", "en"), ("UTC", "en"), ("Europe/Kyiv", "uk")]:
        with timezone.override(zone), translation.override(language):
            for _ in range(2):  # the second read comes from what the first remembered
                django_date, remembered = template.render(Context({"m": moment})).split("|")
                assert remembered == django_date
            seen.add(remembered)
    # The same moment reads three ways: the Kyiv date is a day later, Ukrainian writes it its way.
    assert seen == {
        "December 1, 2026, 12:30 AM",
        "November 30, 2026, 10:30 PM",
        "1 грудня 2026, 00:30",
    }
