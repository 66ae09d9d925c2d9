"""A newsroom that sets ``en-us`` means American dates: month first, as Django's ``en`` has them.

Without this module ``en-us`` would fall back to our day-first ``en``.
"""

from django.conf.locale.en.formats import *  # noqa: F403
