"""What a reader's page says about editions: its words in the page's edition, and its versions
in the other editions (the language switcher and the ``hreflang`` links read these).

A page's versions are ``{language: address}``, the page itself included, and only ever name a
page a reader can see: a story's published translations, a section, tag or author that has a
published story in that edition, the front and search of every edition. A one-language site
asks nothing here: no query, no switcher, no ``hreflang``.
"""

from django.db.models import Prefetch

from articles.models import SectionName, TagName
from articles.translations import published_translations, section_name, tag_name
from authors.models import AuthorText
from website.addresses import fixed_address, slug_address
from website.editions import (
    current_edition,
    default_language,
    edition_languages,
    is_multilingual,
)


def section_names_prefetch(language=None):
    """The section names a list of cards needs in ``language``'s edition, or None in the
    default edition (its names are the sections' own)."""
    language = language or current_edition()
    if language == default_language():
        return None
    return Prefetch("section__names", queryset=SectionName.objects.filter(language=language))


def with_section_names(articles, language=None):
    """``articles`` with their sections' names in ``language``'s edition fetched along (one
    query for the page, none in the default edition): what cards show."""
    prefetch = section_names_prefetch(language)
    return articles if prefetch is None else articles.prefetch_related(prefetch)


def with_edition_names(articles, language=None):
    """``articles`` (a queryset) with their sections' and tags' names for ``language``'s
    edition fetched along, so that no card or tag list asks once per item."""
    language = language or current_edition()
    if language == default_language():
        return articles
    return articles.prefetch_related(
        section_names_prefetch(language),
        Prefetch("tags__names", queryset=TagName.objects.filter(language=language)),
    )


def show_section_in_edition(section, language=None):
    """``section`` with its name and description as ``language``'s edition shows them (the
    instance is for the page only: it is never saved)."""
    language = language or current_edition()
    if language == default_language():
        return section
    stored = SectionName.objects.filter(section=section, language=language).first()
    # As a prefetch would leave it: section_name() asks no more.
    section._prefetched_objects_cache = {"names": [stored] if stored else []}
    if stored is not None:
        section.name = stored.name
        section.description = stored.description or section.description
    return section


def show_tag_in_edition(tag, language=None):
    tag.name = tag_name(tag, language)
    return tag


def show_authors_in_edition(authors, language=None):
    """``authors`` with the role and bio ``language``'s edition shows (their names are their
    own), in one query for them all and none in the default edition."""
    language = language or current_edition()
    if language == default_language() or not authors:
        return authors
    texts = AuthorText.objects.filter(author__in=authors, language=language)
    by_author = {text.author_id: text for text in texts}
    for author in authors:
        text = by_author.get(author.pk)
        if text is not None:
            author.role = text.role or author.role
            author.bio = text.bio or author.bio
    return authors


def show_author_in_edition(author, language=None):
    show_authors_in_edition([author], language)
    return author


def show_article_in_edition(article):
    """The article's section, tag names and byline texts in its own edition (the names
    prefetched by ``with_edition_names``)."""
    if article.language != default_language():
        article.section.name = section_name(article.section, article.language)
        for tag in article.tags.all():
            tag.name = tag_name(tag, article.language)
        show_authors_in_edition(list(article.byline), article.language)
    return article


# --- A page's versions in the other editions ------------------------------------------------


def fixed_page_versions(viewname):
    """A page every edition has (the front, search, corrections): one address per edition."""
    if not is_multilingual():
        return {}
    return {code: fixed_address(viewname, code) for code in edition_languages()}


def story_translations(article):
    """The story's published translations (one query), none on a one-language site."""
    return published_translations(article) if is_multilingual() else []


def article_versions(article, translations):
    """The story and its published ``translations``, by language."""
    if not is_multilingual():
        return {}
    versions = {article.language: article.get_absolute_url()}
    for translation in translations:
        versions[translation.language] = translation.get_absolute_url()
    return versions


def list_versions(viewname, slug, stories_in):
    """A section's, tag's or author's page in each edition where it lists a published story.

    ``stories_in(language)`` is the list's published stories in that edition; each other
    edition costs one ``EXISTS``, which stops at its first story.
    """
    if not is_multilingual():
        return {}
    here = current_edition()
    versions = {}
    for code in edition_languages():
        if code == here or stories_in(code).exists():
            versions[code] = slug_address(viewname, slug, code)
    return versions
