"""How the site writes moments: for machines, for readers ("3 hours ago"), for live coverage.

A page names its formats in English ("F j, Y, g:i A"); each language's catalogue gives its own
under the context "date format" (Ukrainian: "j E Y, H:i", "5 травня 2025, 15:05"), so the order
of day and month and the clock follow the reader's language. Every format a page uses is listed
in FORMATS: a format missing there is used as written in every language.
"""

import datetime
import functools

from django.utils import dateformat, timezone, translation
from django.utils.formats import date_format
from django.utils.translation import ngettext, pgettext, pgettext_lazy

# Lazy: listed here for the catalogue; news_date looks each up when it formats.
FORMATS = [
    pgettext_lazy("date format", "F j, Y, g:i A"),
    pgettext_lazy("date format", "F j, Y, H:i"),
    pgettext_lazy("date format", "M j, Y, H:i"),
    pgettext_lazy("date format", "F j, Y"),
    pgettext_lazy("date format", "M j, Y"),
    pgettext_lazy("date format", "F j, H:i"),
    pgettext_lazy("date format", "M j, g:i A"),
    pgettext_lazy("date format", "g:i A"),
    pgettext_lazy("date format", "H:i"),
    # The month alone, as the page script writes a date (script_words).
    pgettext_lazy("date format", "M"),
]


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
        return pgettext("moment", "just now")
    if age < datetime.timedelta(hours=1):
        return minutes_ago(age.seconds // 60)
    return hours_ago(age.seconds // 3600)


def minutes_ago(minutes):
    return ngettext("%(count)d min ago", "%(count)d min ago", minutes) % {"count": minutes}


def hours_ago(hours):
    return ngettext("%(count)d hour ago", "%(count)d hours ago", hours) % {"count": hours}


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


def local_format(format_string):
    """The reader's language's version of one of FORMATS."""
    return pgettext("date format", format_string)


# Plural forms the page script picks from (script_words): one sample number of each form in
# every language Django knows, so the script finds the right wording with Intl.PluralRules.
PLURAL_SAMPLES = (0, 1, 2, 3, 5, 11, 21, 22, 101, 102)


def script_words():
    """What the page script writes about times, in the reader's language."""
    return {
        "justNow": pgettext("moment", "just now"),
        "minutesAgo": {n: minutes_ago(n).replace(str(n), "{n}", 1) for n in PLURAL_SAMPLES},
        "hoursAgo": {n: hours_ago(n).replace(str(n), "{n}", 1) for n in PLURAL_SAMPLES},
        "months": [
            dateformat.format(datetime.date(2001, month, 1), local_format("M"))
            for month in range(1, 13)
        ],
        # The date the script writes once a story is a day old, as news_time writes it.
        "date": pgettext("date in script", "{month} {day}, {year}"),
    }


@functools.lru_cache(maxsize=4096)
def _formatted(moment, format_string, language, zone):
    # The language and zone are in the key: the same moment reads differently in each.
    return date_format(moment.astimezone(zone), local_format(format_string))
