"""Editorial notes: the desk's conversation about one story, at any stage of it.

A note is addressed to the story's people when it is written: the users of its bylined authors,
whoever started it, and the editors. Each of them has their own read state (NoteReceipt); the
writer of a note has read it. Opening the story's form reads its notes.

Notes are for the desk only: no reader page, feed, sitemap, search document, structured data
or revision of the article holds them (DeskNote is not followed by django-reversion).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import DeskNote, NoteReceipt

PUBLISH_PERMISSION = "articles.publish_article"
NOTE_MAX_LENGTH = 5000


def is_editor(user):
    return user.has_perm(PUBLISH_PERMISSION)


def can_take_part(user, article):
    """Editors talk about every story; a reporter about the stories that are theirs."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
        return False
    return is_editor(user) or article.is_owned_by(user)


def editors():
    """Active desk users who may publish: members of a group with the right, or given it."""
    app_label, codename = PUBLISH_PERMISSION.split(".")
    has_right = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return get_user_model().objects.filter(
        has_right | Q(is_superuser=True), is_active=True, is_staff=True
    )


def people_of(article):
    """Who a note on ``article`` is addressed to: its writers, its creator, the editors."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    writers = Q(pk__in=article.bylines.filter(author__user__isnull=False).values("author__user"))
    if article.created_by_id:
        writers |= Q(pk=article.created_by_id)
    return users.filter(writers | Q(pk__in=editors().values("pk"))).distinct()


def record_note(*, article, user, text):
    """Write the note and address it, without a rights check: for services that made one."""
    note = DeskNote.objects.create(article=article, text=text, created_by=user)
    now = timezone.now()
    NoteReceipt.objects.bulk_create(
        [
            NoteReceipt(note=note, user=person, read_at=now if person.pk == user.pk else None)
            for person in people_of(article)
        ]
    )
    return note


@transaction.atomic
def leave_note(*, article, user, text):
    """``user`` leaves a note on ``article`` for its people; refused to anyone not among them."""
    if not can_take_part(user, article):
        raise PermissionDenied("Only the story's writers and the editors can leave notes on it.")
    text = (text or "").strip()
    if not text:
        raise ValidationError("Write the note first.", code="empty_note")
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            f"A note holds at most {NOTE_MAX_LENGTH:,} characters.", code="note_too_long"
        )
    return record_note(article=article, user=user, text=text)


def thread(article):
    """The notes on ``article``, oldest first, as a conversation reads."""
    return article.desk_notes.select_related("created_by").order_by("created_at", "id")


def unread_receipts(user):
    """``user``'s unread notes, newest first, with their stories."""
    return (
        NoteReceipt.objects.filter(user=user, read_at__isnull=True)
        .select_related("note__article", "note__created_by")
        .order_by("-note__created_at", "-note_id")
    )


def unread_ids(user, article):
    return set(
        unread_receipts(user).filter(note__article=article).values_list("note_id", flat=True)
    )


def mark_read(*, article, user):
    """``user`` has seen every note on ``article``."""
    return unread_receipts(user).filter(note__article=article).update(read_at=timezone.now())
