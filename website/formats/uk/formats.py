"""Ukrainian as a Ukrainian newsroom writes dates: "5 травня 2025", a 24-hour clock.

Django's own ``uk`` formats write the day with a leading zero and add "р." ("05 травня 2025 р."),
as forms and official letters do; news pages don't. Input formats and numbers stay Django's.
"""

from django.conf.locale.uk.formats import (
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    DECIMAL_SEPARATOR,
    NUMBER_GROUPING,
    THOUSAND_SEPARATOR,
    TIME_INPUT_FORMATS,
)

DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1

__all__ = [
    "DATE_INPUT_FORMATS",
    "DATETIME_INPUT_FORMATS",
    "TIME_INPUT_FORMATS",
    "DATE_FORMAT",
    "TIME_FORMAT",
    "DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "FIRST_DAY_OF_WEEK",
    "DECIMAL_SEPARATOR",
    "THOUSAND_SEPARATOR",
    "NUMBER_GROUPING",
]
