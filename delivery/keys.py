"""The names of what a response shows, and how a view declares them.

A key names one thing readers see (``article-12``, ``author-3``, ``section-2``, ``tag-7``,
``image-5``) or one list (``front`` for the newest-first lists, ``corrections``, ``archive`` for
the sitemaps, ``navigation`` for the section menu, ``schedule`` for the next go-live). A response
is cached only when its view declared keys, and invalidating any one of them drops it everywhere.

Lists are per edition. The lists and the names a page shows in its edition (``front``,
``archive``, ``navigation``, ``corrections``, and ``section-2``, ``tag-7``, ``author-3``) are
that edition's keys: the default edition's keep the bare name, another's carry its code
(``front-uk``, ``section-2-uk``). A page declares the bare names and ``add_keys`` makes them its
edition's; a change names the editions it reaches (``edition_keys`` for a story's own edition,
``every_edition`` for a section's default name, say). A story's own key (``article-12``) needs
no edition: each translation is a row of its own.
"""

import re

from website.editions import current_edition, default_language, edition_languages

REQUEST_ATTRIBUTE = "_delivery_keys"
FRONT = "front"
CORRECTIONS = "corrections"
ARCHIVE = "archive"
NAVIGATION = "navigation"
SCHEDULE = "schedule"
# On every cached response: invalidating it drops every page (after a bulk load, say).
EVERYTHING = "all"
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")
# The lists, and the kinds of key (``section-2``), whose pages differ between editions.
EDITION_LISTS = frozenset({FRONT, CORRECTIONS, ARCHIVE, NAVIGATION, SCHEDULE})
EDITION_KINDS = ("section-", "tag-", "author-")


def key(kind, pk):
    """``key("article", 12)`` → ``"article-12"``; later kinds (``slot``, ``banner``) fit too."""
    return f"{kind}-{pk}"


def is_per_edition(name):
    return name in EDITION_LISTS or (
        name.startswith(EDITION_KINDS) and name.rsplit("-", 1)[-1].isdigit()
    )


def edition_key(name, language=None):
    """``name`` in ``language``'s edition (the page's own when not named): ``front`` in the
    default edition, ``front-uk`` in the Ukrainian; a key of no edition (``article-12``) as
    it is."""
    language = language or current_edition()
    if language == default_language() or not is_per_edition(name):
        return name
    return f"{name}-{language}"


def edition_keys(keys, language=None):
    """Each of ``keys`` in one edition (``edition_key``)."""
    return {edition_key(name, language) for name in keys if name is not None}


def every_edition(keys):
    """Each of ``keys`` in every edition: what a change shown in all of them invalidates."""
    return {name for language in edition_languages() for name in edition_keys(keys, language)}


def add_keys(request, *keys):
    """Declare that the response to ``request`` shows ``keys`` (lists in the page's edition:
    see ``edition_key``); makes the response cacheable."""
    declared = getattr(request, REQUEST_ATTRIBUTE, None)
    if declared is None:
        declared = {EVERYTHING}
        setattr(request, REQUEST_ATTRIBUTE, declared)
    for name in keys:
        if name is None:
            continue
        if not KEY_PATTERN.match(name):
            raise ValueError(f"Not a cache key: {name!r}")
        declared.add(edition_key(name))


def declared_keys(request):
    return getattr(request, REQUEST_ATTRIBUTE, None)
