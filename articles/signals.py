"""Keep what search reads (``Article.search_document``, ``search_vector`` on PostgreSQL, the FTS5
table on SQLite) in step with what it is derived from.

Only that derived column is maintained here (and the pages of searches that read a picture's
words); anything with consequences beyond it belongs in ``articles/publishing.py``. Signals are
used because tags and bylines are saved after the article (by the admin's form and inlines, the
factories, ``tags.set()``), where ``Article.save()`` cannot see them. Each receiver names the
articles to refresh; inside one change (``delivery.changes``) each is refreshed once, at its end.
What a receiver must know from before a save it ``note()``s there, never on the instance.
"""

from django.db.models import OuterRef, Q, Subquery
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver
from taggit.models import Tag

from articles.models import Article, ArticleAuthor
from articles.search_documents import (
    forget_deleted_articles,
    forget_search_documents,
    refresh_search_documents,
)
from authors.models import Author
from delivery.changes import defer, note, noted
from delivery.invalidation import invalidate
from delivery.keys import ARCHIVE, edition_keys
from media.models import Image

# Everything the document or the vector is made of that lives on the article's own row.
DOCUMENT_FIELDS = {
    "headline",
    # The vector's text search configuration is the language's.
    "language",
    "dek",
    "body",
    "lead_image",
    "lead_image_id",
    "lead_image_caption",
    "lead_image_credit",
}


def refresh_later(pks):
    """Refresh these articles' documents once, at the end of the change (now, without one)."""
    defer("search documents", refresh_documents_of, pks)


def refresh_documents_of(pks):
    refresh_search_documents(Article.objects.filter(pk__in=pks))


@receiver(post_save, sender=Article, dispatch_uid="search_document_article_saved")
def article_saved(sender, instance, raw, update_fields, **kwargs):
    if raw or (update_fields is not None and not DOCUMENT_FIELDS & set(update_fields)):
        return
    refresh_later([instance.pk])


@receiver(post_delete, sender=Article, dispatch_uid="search_document_article_deleted")
def article_deleted(sender, instance, **kwargs):
    forget_search_documents([instance.pk])


@receiver(post_migrate, dispatch_uid="search_document_table_flushed")
def tables_flushed(sender, app_config, using, plan=None, **kwargs):
    # flush (the tests' too) empties the model tables and then sends post_migrate: the FTS5
    # table is not a model's, and rows left in it would answer for articles that reuse an id.
    if app_config.label == "articles" and plan is None:
        forget_deleted_articles(using)


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="search_document_tags_changed")
def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        if (action in {"post_add", "post_remove"} and pk_set) or action == "post_clear":
            refresh_later([instance.pk])
    elif action == "pre_clear":
        tagged = Article.objects.filter(tags=instance).values_list("pk", flat=True)
        note(Tag, instance.pk, "cleared articles", list(tagged))
    elif action in {"post_add", "post_remove", "post_clear"}:
        pks = pk_set if action != "post_clear" else noted(Tag, instance.pk, "cleared articles")
        if pks:
            refresh_later(pks)


@receiver(post_save, sender=ArticleAuthor, dispatch_uid="search_document_byline_saved")
@receiver(post_delete, sender=ArticleAuthor, dispatch_uid="search_document_byline_deleted")
def byline_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_later([instance.article_id])


@receiver(m2m_changed, sender=Article.authors.through, dispatch_uid="byline_entries_added")
def bylines_added(sender, instance, action, reverse, pk_set, **kwargs):
    """``article.authors.add(author)`` (or ``author.articles.add(...)``, ``.set()``) writes its
    rows with ``bulk_create()``, past ``ArticleAuthor.save()``: give them the copy of the publish
    time author pages are read by, and the search document its new names."""
    if action != "post_add" or not pk_set:
        return
    article_pks = pk_set if reverse else {instance.pk}
    author_pks = {instance.pk} if reverse else pk_set
    ArticleAuthor.objects.filter(article_id__in=article_pks, author_id__in=author_pks).update(
        published_at=Subquery(
            Article.objects.filter(pk=OuterRef("article_id")).values("published_at")[:1]
        )
    )
    refresh_later(article_pks)


@receiver(pre_save, sender=Author, dispatch_uid="search_document_author_renaming")
@receiver(pre_save, sender=Tag, dispatch_uid="search_document_tag_renaming")
def note_renaming(sender, instance, raw, **kwargs):
    renamed = (
        not raw
        and instance.pk is not None
        and sender.objects.filter(pk=instance.pk).exclude(name=instance.name).exists()
    )
    note(sender, instance.pk, "renamed", renamed)


@receiver(post_save, sender=Author, dispatch_uid="search_document_author_renamed")
def author_renamed(sender, instance, **kwargs):
    if noted(Author, instance.pk, "renamed"):
        refresh_later(Article.objects.filter(authors=instance).values_list("pk", flat=True))


@receiver(post_save, sender=Tag, dispatch_uid="search_document_tag_renamed")
def tag_renamed(sender, instance, **kwargs):
    if noted(Tag, instance.pk, "renamed"):
        refresh_later(Article.objects.filter(tags=instance).values_list("pk", flat=True))


@receiver(pre_delete, sender=Tag, dispatch_uid="search_document_tag_deleting")
def note_tagged_articles(sender, instance, **kwargs):
    tagged = Article.objects.filter(tags=instance).values_list("pk", flat=True)
    note(Tag, instance.pk, "tagged articles", list(tagged))


@receiver(post_delete, sender=Tag, dispatch_uid="search_document_tag_deleted")
def tag_deleted(sender, instance, **kwargs):
    if pks := noted(Tag, instance.pk, "tagged articles"):
        refresh_later(pks)


@receiver(pre_save, sender=Image, dispatch_uid="search_document_image_rewording")
def note_rewording(sender, instance, raw, **kwargs):
    reworded = (
        not raw
        and instance.pk is not None
        and sender.objects.filter(pk=instance.pk)
        .exclude(caption=instance.caption, credit=instance.credit)
        .exists()
    )
    note(Image, instance.pk, "reworded", reworded)


@receiver(post_save, sender=Image, dispatch_uid="search_document_image_reworded")
def image_reworded(sender, instance, **kwargs):
    """Search matches a story by its lead picture's caption and credit, so any page of any search
    may change, not only the pages showing the picture (which media's own receiver drops)."""
    if noted(Image, instance.pk, "reworded"):
        refresh_later(illustrated_by(instance))
        invalidate(searches_reading(instance))


@receiver(pre_delete, sender=Image, dispatch_uid="search_document_image_deleting")
def note_illustrated_articles(sender, instance, **kwargs):
    # Deleting the image empties the articles' lead_image with an UPDATE, past their save().
    note(Image, instance.pk, "illustrated articles", illustrated_by(instance))
    invalidate(searches_reading(instance))


@receiver(post_delete, sender=Image, dispatch_uid="search_document_image_deleted")
def image_deleted(sender, instance, **kwargs):
    if pks := noted(Image, instance.pk, "illustrated articles"):
        refresh_later(pks)


def illustrated_by(image):
    """The articles whose lead image is ``image`` or whose galleries show it."""
    in_gallery = Article.gallery_images.through.objects.filter(image=image).values("article_id")
    shown = Article.objects.filter(Q(lead_image=image) | Q(pk__in=in_gallery))
    return list(shown.values_list("pk", flat=True))


def searches_reading(image):
    in_gallery = Article.gallery_images.through.objects.filter(image=image).values("article_id")
    shown = Article.objects.published().filter(Q(lead_image=image) | Q(pk__in=in_gallery))
    languages = shown.order_by().values_list("language", flat=True).distinct()
    return {name for language in languages for name in edition_keys({ARCHIVE}, language)}
