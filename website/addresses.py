"""Addresses of the site's pages without resolving the URL pattern again for every link.

A list page links each story, its section and its authors: some 60 calls to reverse() per page,
each walking the URL patterns and quoting its arguments. The address of a slug page is a fixed
prefix and suffix around the slug, so it is reversed once per pattern (and script prefix and
URL configuration, which tests and mounted sites change) and then filled in. The fixed pages every
page links (front, search, feeds, corrections) are reversed once the same way. Each edition's
addresses are reversed once per language: ``/uk/news/<slug>/`` under the Ukrainian prefix.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

# Matches Django's slug converter, so reverse() accepts it, and appears in no real address.
SLUG_PLACEHOLDER = "slug-placeholder-7f3a9c"


@functools.lru_cache(maxsize=256)
def _around_slug(viewname, script_prefix, urlconf, language, default_language):
    with translation.override(language):
        address = reverse(viewname, kwargs={"slug": SLUG_PLACEHOLDER}, urlconf=urlconf)
    before, after = address.split(SLUG_PLACEHOLDER)
    return before, after


def _resolving_with(language):
    return (
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        language or translation.get_language() or settings.LANGUAGE_CODE,
        # The default edition has no prefix: which one it is decides the address too.
        settings.LANGUAGE_CODE,
    )


def slug_address(viewname, slug, language=None):
    """``reverse(viewname, kwargs={"slug": slug})`` for a valid slug, at a fraction of the cost,
    in ``language``'s edition (the page's own when not given)."""
    before, after = _around_slug(viewname, *_resolving_with(language))
    return f"{before}{slug}{after}"


@functools.lru_cache(maxsize=128)
def _fixed(viewname, script_prefix, urlconf, language, default_language):
    with translation.override(language):
        return reverse(viewname, urlconf=urlconf)


def fixed_address(viewname, language=None):
    """``reverse(viewname)`` for a page that takes no arguments, at a fraction of the cost, in
    ``language``'s edition (the page's own when not given)."""
    return _fixed(viewname, *_resolving_with(language))
