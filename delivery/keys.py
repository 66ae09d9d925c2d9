"""The names of what a response shows, and how a view declares them.

A key names one thing readers see (``article-12``, ``author-3``, ``section-2``, ``tag-7``,
``image-5``) or one list (``front`` for the newest-first lists, ``corrections``, ``archive`` for
the sitemaps, ``navigation`` for the section menu, ``schedule`` for the next go-live). A response
is cached only when its view declared keys, and invalidating any one of them drops it everywhere.
"""

import re

REQUEST_ATTRIBUTE = "_delivery_keys"
FRONT = "front"
CORRECTIONS = "corrections"
ARCHIVE = "archive"
NAVIGATION = "navigation"
SCHEDULE = "schedule"
# On every cached response: invalidating it drops every page (after a bulk load, say).
EVERYTHING = "all"
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")


def key(kind, pk):
    """``key("article", 12)`` → ``"article-12"``; later kinds (``slot``, ``banner``) fit too."""
    return f"{kind}-{pk}"


def add_keys(request, *keys):
    """Declare that the response to ``request`` shows ``keys``; makes the response cacheable."""
    declared = getattr(request, REQUEST_ATTRIBUTE, None)
    if declared is None:
        declared = {EVERYTHING}
        setattr(request, REQUEST_ATTRIBUTE, declared)
    for name in keys:
        if name is None:
            continue
        if not KEY_PATTERN.match(name):
            raise ValueError(f"Not a cache key: {name!r}")
        declared.add(name)


def declared_keys(request):
    return getattr(request, REQUEST_ATTRIBUTE, None)
