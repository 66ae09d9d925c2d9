"""Keep what search reads (``Article.search_document``, ``search_vector`` on PostgreSQL, the FTS5
table on SQLite) in step with what it is derived from.

Only that derived column is maintained here; anything with consequences beyond it belongs in
``articles/publishing.py``. Signals are used because tags and bylines are saved after the article
(by the admin's form and inlines, the factories, ``tags.set()``), where ``Article.save()`` cannot
see them.
"""

from django.db.models import OuterRef, Subquery
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
    compose_document,
    forget_deleted_articles,
    forget_search_documents,
    refresh_search_document,
    refresh_search_documents,
)
from authors.models import Author
from media.models import Image

# Everything the document or the vector is made of that lives on the article's own row.
DOCUMENT_FIELDS = {
    "headline",
    "dek",
    "body",
    "lead_image",
    "lead_image_id",
    "lead_image_caption",
    "lead_image_credit",
}


@receiver(post_save, sender=Article, dispatch_uid="search_document_article_saved")
def article_saved(sender, instance, created, raw, update_fields, **kwargs):
    if raw or (update_fields is not None and not DOCUMENT_FIELDS & set(update_fields)):
        return
    if created:
        # A new article has no tags or bylines yet: no need to look them up.
        document = compose_document(
            instance.dek,
            instance.body,
            [],
            [],
            caption=instance.lead_caption,
            credit=instance.lead_credit,
        )
        refresh_search_document(instance, document)
    else:
        refresh_search_document(instance)


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
            refresh_search_document(instance)
    elif action == "pre_clear":
        instance._search_cleared_article_pks = list(
            Article.objects.filter(tags=instance).values_list("pk", flat=True)
        )
    elif action in {"post_add", "post_remove", "post_clear"}:
        pks = pk_set if action != "post_clear" else instance._search_cleared_article_pks
        if pks:
            refresh_search_documents(Article.objects.filter(pk__in=pks))


@receiver(post_save, sender=ArticleAuthor, dispatch_uid="search_document_byline_saved")
@receiver(post_delete, sender=ArticleAuthor, dispatch_uid="search_document_byline_deleted")
def byline_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        # filter() rather than instance.article: the article may be being deleted with its bylines.
        refresh_search_documents(Article.objects.filter(pk=instance.article_id))


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
    refresh_search_documents(Article.objects.filter(pk__in=article_pks))


@receiver(pre_save, sender=Author, dispatch_uid="search_document_author_renaming")
@receiver(pre_save, sender=Tag, dispatch_uid="search_document_tag_renaming")
def note_renaming(sender, instance, raw, **kwargs):
    instance._search_renamed = (
        not raw
        and instance.pk is not None
        and sender.objects.filter(pk=instance.pk).exclude(name=instance.name).exists()
    )


@receiver(post_save, sender=Author, dispatch_uid="search_document_author_renamed")
def author_renamed(sender, instance, **kwargs):
    if getattr(instance, "_search_renamed", False):
        refresh_search_documents(Article.objects.filter(authors=instance))


@receiver(post_save, sender=Tag, dispatch_uid="search_document_tag_renamed")
def tag_renamed(sender, instance, **kwargs):
    if getattr(instance, "_search_renamed", False):
        refresh_search_documents(Article.objects.filter(tags=instance))


@receiver(pre_delete, sender=Tag, dispatch_uid="search_document_tag_deleting")
def note_tagged_articles(sender, instance, **kwargs):
    instance._search_tagged_article_pks = list(
        Article.objects.filter(tags=instance).values_list("pk", flat=True)
    )


@receiver(post_delete, sender=Tag, dispatch_uid="search_document_tag_deleted")
def tag_deleted(sender, instance, **kwargs):
    if pks := getattr(instance, "_search_tagged_article_pks", None):
        refresh_search_documents(Article.objects.filter(pk__in=pks))


@receiver(pre_save, sender=Image, dispatch_uid="search_document_image_rewording")
def note_rewording(sender, instance, raw, **kwargs):
    instance._search_reworded = (
        not raw
        and instance.pk is not None
        and sender.objects.filter(pk=instance.pk)
        .exclude(caption=instance.caption, credit=instance.credit)
        .exists()
    )


@receiver(post_save, sender=Image, dispatch_uid="search_document_image_reworded")
def image_reworded(sender, instance, **kwargs):
    if getattr(instance, "_search_reworded", False):
        refresh_search_documents(Article.objects.filter(lead_image=instance))


@receiver(pre_delete, sender=Image, dispatch_uid="search_document_image_deleting")
def note_illustrated_articles(sender, instance, **kwargs):
    # Deleting the image empties the articles' lead_image with an UPDATE, past their save().
    instance._search_illustrated_article_pks = list(
        Article.objects.filter(lead_image=instance).values_list("pk", flat=True)
    )


@receiver(post_delete, sender=Image, dispatch_uid="search_document_image_deleted")
def image_deleted(sender, instance, **kwargs):
    if pks := getattr(instance, "_search_illustrated_article_pks", None):
        refresh_search_documents(Article.objects.filter(pk__in=pks))
