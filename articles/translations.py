"""A story's translations and the names of sections and tags in each edition.

Translations of one story are rows sharing ``translation_key``, one per language. Readers are
only ever pointed at a translation that is itself published (``Article.objects.published()``).
The names stored on a section or tag are the default edition's; ``SectionName`` and ``TagName``
hold the others, and an edition without one shows the default name.
"""

from django.conf import settings

from articles.models import Article, SectionName, TagName
from website.editions import current_edition, edition_languages


def _in_edition_order(articles):
    order = {code: position for position, code in enumerate(edition_languages())}
    return sorted(articles, key=lambda article: order.get(article.language, len(order)))


def published_translations(article):
    """The story's published translations into the other editions, in the editions' order."""
    others = (
        Article.objects.published()
        .filter(translation_key=article.translation_key, language__in=edition_languages())
        .exclude(pk=article.pk)
        .only("pk", "slug", "language", "headline")
    )
    return _in_edition_order(others)


def published_translations_by_key(keys, languages=None):
    """``{translation_key: [article, ...]}`` of every published story with one of ``keys``, in
    the editions' order, in one query: for lists that name each story's translations.

    ``languages`` narrows it to those editions (all by default): a list that already holds its
    own edition's rows asks only for the others'.
    """
    found = {}
    languages = edition_languages() if languages is None else languages
    rows = (
        Article.objects.published()
        .filter(translation_key__in=set(keys), language__in=languages)
        .only("pk", "slug", "language", "translation_key")
    )
    for article in _in_edition_order(rows):
        found.setdefault(article.translation_key, []).append(article)
    return found


def _name_in(thing, language, stored_names, **owner):
    """``thing.name`` in ``language``'s edition: from its prefetched ``names`` when the page
    fetched them along, else one query; the default name without one."""
    language = language or current_edition()
    if language == settings.LANGUAGE_CODE:
        return thing.name
    names = getattr(thing, "_prefetched_objects_cache", {}).get("names")
    if names is not None:
        return next((n.name for n in names if n.language == language), thing.name)
    stored = stored_names.filter(language=language, **owner).first()
    return stored.name if stored else thing.name


def section_name(section, language=None):
    """The section's name in ``language``'s edition (the page's own when not named)."""
    return _name_in(section, language, SectionName.objects, section=section)


def tag_name(tag, language=None):
    """The tag's name in ``language``'s edition (the page's own when not named)."""
    return _name_in(tag, language, TagName.objects, tag=tag)
