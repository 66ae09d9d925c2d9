"""``NEWSROOM_LANGUAGES`` read strictly: each code one Django knows, none twice, at least one.

Read by the settings before Django is set up, so it uses Django's language table only.
"""

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured


def editions_from(codes):
    """``LANGUAGES`` for the given codes, the default first: (code, the language's own name)."""
    if not codes:
        raise ImproperlyConfigured("NEWSROOM_LANGUAGES names no language: give at least one.")
    languages = []
    for code in codes:
        # A regional variant Django has no entry for (en-us) is its language's.
        info = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0])
        if code != code.lower() or info is None or "fallback" in info:
            raise ImproperlyConfigured(
                f"NEWSROOM_LANGUAGES: {code!r} is not a language code Django knows "
                "(lower case, as in en, uk, pt-br)."
            )
        if code in dict(languages):
            raise ImproperlyConfigured(f"NEWSROOM_LANGUAGES names {code!r} twice.")
        languages.append((code, info["name_local"]))
    return languages
