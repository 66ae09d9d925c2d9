"""Dates and times on every desk form: the browser's own pickers, in the newsroom's time zone.

The admin's calendar and clock (DateTimeShortcuts.js) are not used: they put "You are N hours
behind server time" under every field, in the reader's own zone, when every time on the desk is
the newsroom's. The browser's ``<input type="date">`` and ``type="time"`` need no script, post ISO
values whatever the browser's language, and the server also reads what the site's language
types (website/formats: day first for English). Below the inputs, when.js says the chosen
moment in words as it is typed ("Monday, 1 February 2027, 09:00 Kyiv time, in 2 days").
"""

import datetime

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import format_html


def zone_label(time_zone=None):
    """The newsroom's time zone as people say it: "Kyiv time" for Europe/Kyiv, "UTC" for UTC."""
    name = time_zone or settings.TIME_ZONE
    if "/" not in name:
        return name
    return f"{name.rsplit('/', 1)[-1].replace('_', ' ')} time"


def words_locale():
    """The language dates are written in: plain English is the newsroom's, day first."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return "en-GB" if language == "en" else language


def zone_note():
    """The one line a form shows instead of a warning under each of its time fields."""
    return f"Times are {zone_label()} ({settings.TIME_ZONE}), whatever your computer’s clock says."


def with_words(inputs, *, ahead=True):
    """``inputs`` followed by the place when.js writes their moment in words.

    ``ahead``: the field names a moment to come (a publish time, an expiry), so a past one is
    marked as a likely mistake.
    """
    return format_html(
        '<span class="desk-when" data-time-zone="{}" data-zone-label="{}" data-locale="{}" '
        'data-ahead="{}">'
        '<span class="desk-when__inputs">{}</span>'
        '<output class="desk-when__words" aria-live="polite"></output></span>',
        settings.TIME_ZONE,
        zone_label(),
        words_locale(),
        "yes" if ahead else "no",
        inputs,
    )


class DeskDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # The one format a date input shows; the browser writes it in its reader's language.
        super().__init__(attrs, format="%Y-%m-%d")


class DeskTimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__({"aria-label": "Time", **(attrs or {})})

    def format_value(self, value):
        # Seconds only when there are some: a stored 21:07:42 posted back as 21:07 would read
        # as a change of the publish time.
        if isinstance(value, datetime.time):
            return value.strftime("%H:%M:%S" if value.second else "%H:%M")
        return super().format_value(value)


class DeskDateTimeWidget(forms.SplitDateTimeWidget):
    """A date and a time with the browser's pickers, and the moment they make in words."""

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(self, [DeskDateInput(attrs), DeskTimeInput(attrs)])

    @property
    def media(self):
        return forms.Media(js=["admin-desk/when.js"])

    def render(self, name, value, attrs=None, renderer=None):
        return with_words(super().render(name, value, attrs, renderer))


class DeskDateTimeLocal(forms.DateTimeInput):
    """One box for a date and time, for a form of its own (a GET form keeps one parameter),
    asking about a moment that may have passed ("the front page at")."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")

    @property
    def media(self):
        return forms.Media(js=["admin-desk/when.js"])

    def render(self, name, value, attrs=None, renderer=None):
        return with_words(super().render(name, value, attrs, renderer), ahead=False)


WIDGETS = {
    models.DateTimeField: DeskDateTimeWidget,
    models.DateField: DeskDateInput,
    models.TimeField: DeskTimeInput,
}


class DeskDateFieldsMixin:
    """Every desk form's date fields get the widgets above (DeskAdminSite adds this mixin)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field_class, widget in WIDGETS.items():
            self.formfield_overrides.setdefault(field_class, {})["widget"] = widget
