"""Moving an article through the desk: review, publication, corrections, revisions, previews.

The admin form, the admin actions and any command change an article's status and publish time
only through these functions, so the rights checks (and whatever publishing later sets off, such
as purging caches) have a single home. Each change is kept as a revision (django-reversion) with
who made it and why.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from reversion import create_revision, get_comment, get_user, set_comment, set_user
from reversion.models import Version
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleAuthor,
    Correction,
    DeskNote,
    PreviewLink,
    RelatedArticle,
    Section,
    TaggedArticle,
)
from authors.models import Author
from media.models import Image

PUBLISH_PERMISSION = "articles.publish_article"
NOT_A_PUBLISHER = "Only editors can publish, schedule or unpublish articles."

# What restoring a revision brings back: the words and what travels with them. Status, publish
# time and embargo only ever change by publishing, and the slug stays so the address does not move.
RESTORED_FIELDS = [
    "headline",
    "dek",
    "body",
    "section_id",
    "lead_image_id",
    "lead_image_caption",
    "lead_image_credit",
]


def can_publish(user):
    """Whether ``user`` may publish, schedule and unpublish articles (editors, not journalists)."""
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article):
    """Editors edit any article; journalists their own, and only until it is published."""
    if not user.has_perm("articles.change_article"):
        return False
    if can_publish(user):
        return True
    return article.status != Article.Status.PUBLISHED and article.is_owned_by(user)


def _require_publisher(user):
    if not can_publish(user):
        raise PermissionDenied(NOT_A_PUBLISHER)


def _require_editing_rights(user, article):
    if not can_edit(user, article):
        raise PermissionDenied("You cannot change this article.")


def _record(user, comment):
    """Sign the current revision: who made the change and what it was."""
    if get_user() is None:
        set_user(user)
    earlier = get_comment()
    if comment not in earlier:
        set_comment(f"{earlier}; {comment}" if earlier else comment)


def local_time(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@transaction.atomic
def submit_for_review(*, article, user, note=""):
    """Hand a draft to the editors, with an optional note for them."""
    _require_editing_rights(user, article)
    if article.status == Article.Status.PUBLISHED:
        # Taking a story off the site is unpublishing, which needs the publish right.
        raise ValidationError("A published article is unpublished, not submitted for review.")
    with create_revision():
        _record(user, "Submitted for review")
        article.status = Article.Status.IN_REVIEW
        article.save()
        if note:
            DeskNote.objects.create(article=article, text=note, created_by=user)
    return article


@transaction.atomic
def send_back_to_draft(*, article, editor, note):
    """Return an article in review to its writer, saying what to fix."""
    _require_publisher(editor)
    if article.status != Article.Status.IN_REVIEW:
        raise ValidationError("Only an article in review is sent back to draft.")
    if not note.strip():
        raise ValidationError("Say why it goes back, so the writer knows what to fix.")
    with create_revision():
        _record(editor, "Sent back to draft")
        article.status = Article.Status.DRAFT
        article.save()
        DeskNote.objects.create(article=article, text=note.strip(), created_by=editor)
    return article


def add_desk_note(*, article, user, text):
    _require_editing_rights(user, article)
    return DeskNote.objects.create(article=article, text=text, created_by=user)


@transaction.atomic
def publish_article(*, article, editor, at=None):
    """Publish ``article`` at ``at`` (now when omitted); a future time schedules it.

    The embargo is a floor: asked for earlier, the article is scheduled for the moment the
    embargo lifts (``Article.save()`` keeps that true whichever way the article is saved).
    """
    _require_publisher(editor)
    with create_revision():
        article.status = Article.Status.PUBLISHED
        article.published_at = at or timezone.now()
        article.withdrawn_at = None
        article.save()
        if article.published_at > timezone.now():
            _record(editor, f"Scheduled for {local_time(article.published_at)}")
        else:
            _record(editor, "Published")
    return article


@transaction.atomic
def unpublish_article(*, article, editor):
    """Take ``article`` off the site, or out of the schedule, and back to draft."""
    _require_publisher(editor)
    with create_revision():
        _record(editor, "Unpublished")
        if article.is_published():
            # Readers and search engines saw it: its address answers 410 Gone, not 404.
            article.withdrawn_at = timezone.now()
        article.status = Article.Status.DRAFT
        # A draft keeps no publish time, so republishing later is a deliberate new decision.
        article.published_at = None
        article.save()
    return article


@transaction.atomic
def add_correction(*, article, editor, kind, text):
    """Append a typed, timestamped note to a live article; its "Updated" time moves with it."""
    _require_publisher(editor)
    if not article.is_published():
        raise ValidationError(
            "Corrections are for stories readers have seen; edit an unpublished story instead."
        )
    with create_revision():
        correction = Correction.objects.create(
            article=article, kind=kind, text=text, created_by=editor
        )
        _record(editor, f"Added {correction.get_kind_display().lower()}")
        article.revised_at = correction.created_at
        # updated_at moves too: anyone with the form open must not save over the new time.
        article.save(update_fields=["revised_at", "updated_at"])
    return correction


def revisions_of(article):
    """The article's saved versions, newest first, with who saved them."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


@transaction.atomic
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
        article = Article.objects.select_for_update().get(pk=article.pk)
        for name in RESTORED_FIELDS:
            setattr(article, name, old[name])
        if not Section.objects.filter(pk=article.section_id).exists():
            article.section_id = Article.objects.values_list("section_id", flat=True).get(
                pk=article.pk
            )
        if article.lead_image_id and not Image.objects.filter(pk=article.lead_image_id).exists():
            article.lead_image_id = None
        article.save()

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


def create_preview_link(*, article, editor, recipient, expires_at):
    """A share link for someone without an account, e.g. a source, a lawyer or a translator."""
    if not editor.has_perm("articles.add_previewlink"):
        raise PermissionDenied("Only editors can share preview links.")
    if expires_at <= timezone.now():
        raise ValidationError("A preview link must expire in the future.")
    return PreviewLink.objects.create(
        article=article, recipient=recipient, expires_at=expires_at, created_by=editor
    )


def revoke_preview_link(*, link, editor):
    """Stop a share link working, at once."""
    if not editor.has_perm("articles.change_previewlink"):
        raise PermissionDenied("Only editors can revoke preview links.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link
