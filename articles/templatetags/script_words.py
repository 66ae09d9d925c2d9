"""The words the page scripts write (static/js), in the reader's language, as one JSON block.

The scripts are static files, the same for every language: they read their words from the
``<script type="application/json" id="site-words">`` every page ends with. A word that depends
on a number comes as the wording for a few sample numbers ("{n}" for the number); the script
picks the sample of the same plural form (Intl.PluralRules in the page's language).
"""

import json

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext, pgettext

from articles.times import PLURAL_SAMPLES
from articles.times import script_words as time_words

register = template.Library()

# A JSON string may hold "</script>" or "<!--"; escaped, it cannot end the element early.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def new_updates(count):
    return ngettext("%(count)d new update", "%(count)d new updates", count) % {"count": count}


def words():
    return {
        **time_words(),
        "newUpdates": {n: new_updates(n).replace(str(n), "{n}", 1) for n in PLURAL_SAMPLES},
        "liveEnded": gettext("Live coverage has ended"),
        "signupFailed": gettext("Something went wrong: please try again."),
        "gallery": pgettext("role of a photo gallery", "gallery"),
        "galleryClose": pgettext("gallery viewer", "Close"),
        "galleryPrevious": pgettext("gallery viewer", "Previous"),
        "galleryNext": pgettext("gallery viewer", "Next"),
        "galleryCount": gettext("Picture {index} of {count}"),
    }


_cache = {}


@register.simple_tag
def script_words():
    # The same few hundred bytes for every page in a language: built once per language.
    language = get_language()
    if language not in _cache:
        payload = json.dumps(words(), ensure_ascii=False).translate(SCRIPT_SAFE)
        _cache[language] = mark_safe(
            f'<script type="application/json" id="site-words">{payload}</script>'
        )
    return _cache[language]
