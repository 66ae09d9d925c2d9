"""English as a newsroom outside the United States writes dates: the day first, a 24-hour clock.

``01/02/2027`` is 1 February 2027, as in Kyiv or London. ISO dates (``2027-02-01``) are accepted
too: Django adds them to every list of input formats. Django's own ``en`` formats are American
(month first, "p.m."); ``en-us`` keeps them (see ``en_US``). Everything not set here, such as
number formats, comes from Django's ``en`` locale.
"""

from django.conf.locale.en_GB.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1

__all__ = [
    "DATE_INPUT_FORMATS",
    "DATETIME_INPUT_FORMATS",
    "DATE_FORMAT",
    "TIME_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "FIRST_DAY_OF_WEEK",
]
