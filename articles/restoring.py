"""Bringing back an earlier version of an article from its history (django-reversion)."""

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from reversion import create_revision
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, RelatedArticle, Section, TaggedArticle
from articles.publishing import _record, _require_publisher, local_time
from articles.writing import CONTENT, locked, write_article
from authors.models import Author
from delivery.changes import one_change
from media.models import Image

# What restoring a revision brings back (status, publish time and embargo only ever change by
# publishing, and the slug stays so the address does not move).
RESTORED_FIELDS = list(CONTENT)


@transaction.atomic
@one_change()
def restore_revision(*, article, version, editor):
    """Bring back the words, byline, picks, tags and lead image of an earlier version.

    Whatever no longer exists (an author, a picked story, an image) is left out. The restore is
    itself a new revision, so it can be undone the same way.
    """
    _require_publisher(editor)
    if version.content_type.model_class() is not Article or version.object_id != str(article.pk):
        raise ValidationError("That version belongs to another article.")
    old = version.field_dict
    saved_at = local_time(version.revision.date_created)
    with create_revision():
        _record(editor, f"Restored the version of {saved_at}")
        article = locked(article)
        stored = copy.copy(article)
        for name in RESTORED_FIELDS:
            setattr(article, name, old[name])
        if not Section.objects.filter(pk=article.section_id).exists():
            article.section_id = Article.objects.values_list("section_id", flat=True).get(
                pk=article.pk
            )
        if article.lead_image_id and not Image.objects.filter(pk=article.lead_image_id).exists():
            article.lead_image_id = None
        write_article(article, stored=stored, fields=RESTORED_FIELDS)

        in_revision = version.revision.version_set
        _restore_children(
            in_revision,
            ArticleAuthor,
            article.bylines,
            "article_id",
            article.pk,
            linked_model=Author,
            link_field="author_id",
            fields=("author_id", "role", "position"),
        )
        _restore_children(
            in_revision,
            RelatedArticle,
            article.picks,
            "from_article_id",
            article.pk,
            linked_model=Article,
            link_field="to_article_id",
            fields=("to_article_id", "position"),
        )

        tag_ids = [
            v.field_dict["tag_id"]
            for v in in_revision.get_for_model(TaggedArticle)
            if v.field_dict["content_object_id"] == article.pk
        ]
        article.tags.set(list(Tag.objects.filter(pk__in=tag_ids)))
    return article


def _restore_children(
    in_revision, model, manager, parent_field, parent_pk, *, linked_model, link_field, fields
):
    """Replace an article's bylines or picks with the revision's, minus links to deleted rows."""
    rows = [
        v.field_dict
        for v in in_revision.get_for_model(model)
        if v.field_dict[parent_field] == parent_pk
    ]
    living = set(
        linked_model.objects.filter(pk__in=[row[link_field] for row in rows]).values_list(
            "pk", flat=True
        )
    )
    manager.all().delete()
    for row in sorted(rows, key=lambda row: (row["position"], row["id"])):
        if row[link_field] in living:
            model.objects.create(**{parent_field: parent_pk}, **{f: row[f] for f in fields})
