"""The articles app's models, one module per concern; everything is importable from here."""

import reversion

from articles.models.article import (
    EMBARGO_ON_LIVE_STORY,
    NOT_DELETABLE,
    Article,
    ArticleChoice,
    Section,
    SectionName,
)
from articles.models.lists import (
    ArticleAuthor,
    ArticleSlug,
    ListEntry,
    RelatedArticle,
    TaggedArticle,
    TagName,
)
from articles.models.notes import (
    ArticleNote,
    Correction,
    DeskNote,
    NoteReceipt,
    PreviewLink,
    new_preview_key,
)
from articles.models.queries import ArticleManager, ArticleQuerySet, is_visible_to_readers
from articles.models.text import count_words, reading_minutes, top_level_paragraph_ends

__all__ = [
    "is_visible_to_readers",
    "EMBARGO_ON_LIVE_STORY",
    "NOT_DELETABLE",
    "Article",
    "ArticleAuthor",
    "ArticleChoice",
    "ArticleManager",
    "ArticleNote",
    "ArticleQuerySet",
    "ArticleSlug",
    "Correction",
    "DeskNote",
    "ListEntry",
    "NoteReceipt",
    "PreviewLink",
    "RelatedArticle",
    "Section",
    "SectionName",
    "TagName",
    "TaggedArticle",
    "count_words",
    "new_preview_key",
    "reading_minutes",
    "top_level_paragraph_ends",
]

# Every save made in the desk is kept as a revision of the article with its byline, picks and tags
# (see publishing.py and the article admin), so an older version can be compared and restored.
reversion.register(ArticleAuthor)
reversion.register(RelatedArticle)
reversion.register(TaggedArticle)
reversion.register(Correction)
reversion.register(
    Article,
    # Derived or kept through the models followed: the byline, picks, tags and corrections. The
    # edition and translation key say which story this is, not what it said: a restore keeps them.
    exclude=[
        "search_document",
        "search_vector",
        "authors",
        "related_articles",
        "tags",
        "language",
        "translation_key",
    ],
    follow=["bylines", "picks", "tagged_items", "corrections"],
)
