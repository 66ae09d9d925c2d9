"""Editions: one per language in ``settings.LANGUAGES``, the first (``LANGUAGE_CODE``) the default.

The default edition keeps unprefixed addresses; every other lives under its code (``/uk/``),
through Django's ``i18n_patterns(prefix_default_language=False)``. The language of a request is
its address's and nothing else: no cookie, no ``Accept-Language``, so a page has one form for
every reader and the caches need no ``Vary``.
"""

from django.conf import settings
from django.utils import translation


def default_language():
    return settings.LANGUAGE_CODE


def edition_languages():
    """The editions' codes, the default first."""
    return [code for code, _name in settings.LANGUAGES]


def is_multilingual():
    return len(settings.LANGUAGES) > 1


def language_name(code):
    """The language's own name ("Українська"), as the switcher shows it."""
    return dict(settings.LANGUAGES).get(code, code)


def current_edition():
    """The language of the page being made (the address's), the default outside any request."""
    language = translation.get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def edition_prefix(code):
    """The path prefix of an edition: "" for the default, "/uk" for the others."""
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


class EditionMiddleware:
    """Django's LocaleMiddleware without what would split the caches: it reads the language
    from the path only and never adds ``Vary: Accept-Language``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or default_language()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # The thread serves the next request (or a test goes on) in no edition's language.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
