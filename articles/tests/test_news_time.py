import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.templatetags.news_time import news_time

NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)


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
