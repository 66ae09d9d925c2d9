"""How the site writes moments: for machines, for readers ("3 hours ago"), for live coverage."""

import datetime
import functools

from django.utils import timezone, translation
from django.utils.formats import date_format


def machine_time(moment):
    """``2026-11-10T16:57:17+02:00``: the moment for ``<time datetime>`` and structured data.

    In the newsroom's time zone (the page script reads the newsroom's date from it) and to the
    second: HTML allows at most three digits of a fraction, and Django's ``date:"c"`` writes six.
    """
    if moment is None:
        return ""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def news_time(moment):
    """ "12 min ago" / "3 hours ago" within a day, then the date, in the newsroom's time zone."""
    if moment is None:
        return ""
    age = timezone.now() - moment
    if age < datetime.timedelta(0) or age >= datetime.timedelta(days=1):
        return news_date(moment, "M j, Y")
    if age < datetime.timedelta(minutes=1):
        return "just now"
    if age < datetime.timedelta(hours=1):
        return f"{age.seconds // 60} min ago"
    hours = age.seconds // 3600
    return f"{hours} hour{'s' if hours > 1 else ''} ago"


def clock_time(moment):
    """ "3:05 PM" on the newsroom's today, "Dec 6, 3:05 PM" before: when live coverage moved."""
    if moment is None:
        return ""
    zone = timezone.get_current_timezone()
    if moment.astimezone(zone).date() == timezone.now().astimezone(zone).date():
        return news_date(moment, "g:i A")
    return news_date(moment, "M j, g:i A")


def news_date(moment, format_string):
    """Django's ``date`` filter for a moment, in the newsroom's time zone, remembered.

    A list page formats the same few dozen publish times on every request, and formatting
    reads the format character by character and translates month names each time.
    """
    if moment is None:
        return ""
    zone = timezone.get_current_timezone()
    return _formatted(moment, format_string, translation.get_language(), zone)


@functools.lru_cache(maxsize=4096)
def _formatted(moment, format_string, language, zone):
    # The language and zone are in the key: the same moment reads differently in each.
    return date_format(moment.astimezone(zone), format_string)
