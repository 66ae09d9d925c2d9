import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def machine_time(moment):
    """``2026-11-10T16:57:17+02:00``: the moment for ``<time datetime>`` and structured data.

    In the newsroom's time zone (the page script reads the newsroom's date from it) and to the
    second: HTML allows at most three digits of a fraction, and Django's ``date:"c"`` writes six.
    """
    if moment is None:
        return ""
    return timezone.localtime(moment).isoformat(timespec="seconds")


@register.filter
def news_time(moment):
    """ "12 min ago" / "3 hours ago" within a day, then the date, in the newsroom's time zone."""
    if moment is None:
        return ""
    age = timezone.now() - moment
    if age < datetime.timedelta(0) or age >= datetime.timedelta(days=1):
        return date_format(timezone.localtime(moment), "M j, Y")
    if age < datetime.timedelta(minutes=1):
        return "just now"
    if age < datetime.timedelta(hours=1):
        return f"{age.seconds // 60} min ago"
    hours = age.seconds // 3600
    return f"{hours} hour{'s' if hours > 1 else ''} ago"
