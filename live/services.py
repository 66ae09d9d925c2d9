"""Every change to live coverage, with who may make it: the console and any command call these.

Rights follow the article workflow: journalists write updates and submit them, editors publish,
pin key events, correct, and start or end a story's coverage. Each service runs in one
transaction, locks the rows it changes (``select_for_update``; on SQLite the transaction takes
the write lock when it begins) and saves only the fields it changes, so two people at two
consoles never silently overwrite each other. Refusals raise PermissionDenied or ValidationError
before anything is written.
"""

import copy

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from reversion import add_to_revision, create_revision, set_comment, set_user

from articles.invalidation import membership_keys
from articles.models import Article
from articles.writing import write_article
from authors.models import Author
from delivery.invalidation import invalidate
from delivery.keys import FRONT, edition_key, key
from embeds.resolver import queue_embeds
from live.models import LiveUpdate, LiveUpdateCorrection

PUBLISH_PERMISSION = "live.publish_liveupdate"
NOT_A_LIVE_EDITOR = (
    "Only editors can publish, pin or correct live updates and start or end live coverage."
)
NOT_YOUR_UPDATE = "You can change only your own updates, and only until they are published."
NOT_LIVE = "This story is not live: start its live coverage first."
EMPTY_UPDATE = "Write the update first: its text is empty."
NO_AUTHOR = (
    "Your desk account has no author profile to sign this update with: name who wrote it, "
    "or credit it to %(staff)s."
)
UNSIGNED_UPDATE = (
    "This update names no author: edit it to name who wrote it, or credit it to %(staff)s, "
    "then publish it."
)
MIN_POLL_SECONDS = 5
MAX_POLL_SECONDS = 300
EDITABLE_FIELDS = ("title", "body", "image", "is_key_event")


def can_write_updates(user):
    return user.has_perm("live.add_liveupdate")


def can_publish_updates(user):
    """Editors: publish, pin, correct, start and end coverage."""
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit_update(user, update):
    """Editors change any update; a journalist their own until it is published."""
    if can_publish_updates(user):
        return True
    return (
        user.has_perm("live.change_liveupdate")
        and update.created_by_id == user.pk
        and update.status != LiveUpdate.Status.PUBLISHED
    )


def _require_editor(user):
    if not can_publish_updates(user):
        raise PermissionDenied(NOT_A_LIVE_EDITOR)


def _require_text(body):
    if not strip_tags(body or "").strip():
        raise ValidationError({"body": EMPTY_UPDATE})


def _locked_article(article):
    return Article.objects.select_for_update().get(pk=article.pk)


def _locked_update(update):
    return LiveUpdate.objects.select_for_update().get(pk=update.pk)


def _carry(locked, target, fields):
    for name in fields:
        setattr(target, name, getattr(locked, name))


def default_authors(user):
    return list(Author.objects.filter(user=user)[:1])


def byline_for(user, authors, staff_byline=False):
    """Who signs an update: those named; else the staff byline, when chosen; else the writer.

    Readers are owed a name: a writer with no author profile who names nobody is refused.
    """
    if authors:
        return list(authors)
    if staff_byline:
        return [Author.objects.staff_byline()]
    if own := default_authors(user):
        return own
    raise ValidationError(
        {
            "authors": ValidationError(
                NO_AUTHOR, code="no_author", params={"staff": settings.SITE_NAME}
            )
        }
    )


# Coverage of a story


def _write_coverage(locked, article, fields, comment, editor):
    with create_revision():
        # Only the coverage's own columns changed: the words and placement stand as stored.
        write_article(locked, stored=copy.copy(locked), fields=fields)
        add_to_revision(locked)
        set_user(editor)
        set_comment(comment)
    _carry(locked, article, [*fields, "updated_at", "version"])
    # The story's cards in every list gain or lose the Live mark.
    invalidate(
        {
            edition_key(FRONT, locked.language),
            key("live", locked.pk),
            *membership_keys(locked, {locked.section_id}),
        }
    )


@transaction.atomic
def start_coverage(*, article, editor):
    """Make the story live (again, if its coverage had ended): cards mark it, its page polls."""
    _require_editor(editor)
    locked = _locked_article(article)
    if locked.is_live:
        return article
    fields = ["live_ended_at"]
    if locked.live_started_at is None:
        locked.live_started_at = timezone.now()
        fields.append("live_started_at")
    locked.live_ended_at = None
    _write_coverage(locked, article, fields, "Started live coverage", editor)
    return article


@transaction.atomic
def end_coverage(*, article, editor):
    """End the coverage: the story becomes a normal article keeping its updates as a record."""
    _require_editor(editor)
    locked = _locked_article(article)
    if not locked.is_live:
        return article
    locked.live_ended_at = timezone.now()
    _write_coverage(locked, article, ["live_ended_at"], "Ended live coverage", editor)
    return article


@transaction.atomic
def set_poll_interval(*, article, editor, seconds):
    """How often readers' pages check for updates; None for the site's default."""
    _require_editor(editor)
    if seconds is not None and not MIN_POLL_SECONDS <= seconds <= MAX_POLL_SECONDS:
        raise ValidationError(
            {
                "poll_seconds": f"Choose between {MIN_POLL_SECONDS} and {MAX_POLL_SECONDS} "
                "seconds, or leave it empty for the site's default."
            }
        )
    locked = _locked_article(article)
    if locked.live_poll_seconds == seconds:
        return article
    locked.live_poll_seconds = seconds
    write_article(locked, stored=copy.copy(locked), fields=["live_poll_seconds"])
    _carry(locked, article, ["live_poll_seconds", "updated_at", "version"])
    invalidate({key("live", locked.pk), key("article", locked.pk)})
    return article


# Updates


@transaction.atomic
def write_update(
    *,
    article,
    user,
    body,
    title="",
    image=None,
    is_key_event=False,
    authors=None,
    staff_byline=False,
    step="save",
):
    """A new update on a live story: ``step`` is "save" (draft), "submit" or "publish".

    Signed by ``authors``; with nobody named, by the staff byline when ``staff_byline``, or by
    the writer's own author profile (see byline_for).
    """
    if not can_write_updates(user):
        raise PermissionDenied("You cannot write live updates.")
    if step == "publish":
        _require_editor(user)
    _require_text(body)
    authors = byline_for(user, authors, staff_byline)
    locked = _locked_article(article)
    if not locked.is_live:
        raise ValidationError(NOT_LIVE)
    status = {
        "save": LiveUpdate.Status.DRAFT,
        "submit": LiveUpdate.Status.SUBMITTED,
        "publish": LiveUpdate.Status.PUBLISHED,
    }[step]
    update = LiveUpdate.objects.create(
        article=locked,
        title=title.strip(),
        body=body,
        image=image,
        is_key_event=is_key_event,
        status=status,
        published_at=timezone.now() if status == LiveUpdate.Status.PUBLISHED else None,
        created_by=user,
    )
    update.authors.set(authors)
    queue_embeds(update.body)
    return update


@transaction.atomic
def edit_update(*, update, user, version=None, authors=None, staff_byline=False, **changes):
    """Change an update's words, picture, pin or authors; ``version`` is the one the form was
    opened on.

    Only the fields that differ are written. An edit made on an older version is refused with
    who saved meanwhile, so the other person's words stay. ``authors`` None keeps them; an
    empty list signs it as write_update() does.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    locked = _locked_update(update)
    if not can_edit_update(user, locked):
        raise PermissionDenied(NOT_YOUR_UPDATE)
    if version is not None and locked.version != version:
        raise ValidationError(
            "Someone saved this update after you opened it (at %(when)s). Your text is still in "
            "the form; reload to see theirs.",
            code="stale_update",
            params={"when": timezone.localtime(locked.updated_at).strftime("%H:%M:%S")},
        )
    if authors is not None:
        authors = byline_for(user, authors, staff_byline)
    if "is_key_event" in changes and changes["is_key_event"] != locked.is_key_event:
        if locked.status == LiveUpdate.Status.PUBLISHED:
            _require_editor(user)
    if "body" in changes:
        _require_text(changes["body"])
        changes["body"] = LiveUpdate._meta.get_field("body").get_prep_value(changes["body"])
    if "title" in changes:
        changes["title"] = changes["title"].strip()
    changed = [name for name, value in changes.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, changes[name])
    if changed:
        if locked.status == LiveUpdate.Status.PUBLISHED:
            locked.revised_at = timezone.now()
            changed.append("revised_at")
        locked.save(update_fields=changed)
        if "body" in changed:
            queue_embeds(locked.body)
    if authors is not None and {a.pk for a in authors} != set(
        locked.authors.values_list("pk", flat=True)
    ):
        locked.authors.set(authors)
    _carry(locked, update, [*EDITABLE_FIELDS, "revised_at", "version", "updated_at"])
    return update


@transaction.atomic
def submit_update(*, update, user):
    locked = _locked_update(update)
    if not can_edit_update(user, locked):
        raise PermissionDenied(NOT_YOUR_UPDATE)
    if locked.status != LiveUpdate.Status.DRAFT:
        return update
    locked.status = LiveUpdate.Status.SUBMITTED
    locked.save(update_fields=["status"])
    _carry(locked, update, ["status", "version", "updated_at"])
    return update


@transaction.atomic
def publish_update(*, update, editor):
    """Put an update on the story's page now; it goes to the top of the list."""
    _require_editor(editor)
    locked_article = _locked_article(update.article)
    locked = _locked_update(update)
    if locked.status == LiveUpdate.Status.PUBLISHED:
        return update
    if not locked_article.is_live:
        raise ValidationError(NOT_LIVE)
    _require_text(locked.body)
    if not locked.authors.exists():
        raise ValidationError(
            UNSIGNED_UPDATE, code="no_author", params={"staff": settings.SITE_NAME}
        )
    locked.status = LiveUpdate.Status.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at"])
    _carry(locked, update, ["status", "published_at", "version", "updated_at"])
    return update


@transaction.atomic
def set_key_event(*, update, editor, is_key_event):
    _require_editor(editor)
    locked = _locked_update(update)
    if locked.is_key_event != is_key_event:
        locked.is_key_event = is_key_event
        locked.save(update_fields=["is_key_event"])
    _carry(locked, update, ["is_key_event", "version", "updated_at"])
    return update


@transaction.atomic
def correct_update(*, update, editor, text):
    """Append a correction to a published update; readers see it under the update."""
    _require_editor(editor)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write what was wrong and what is right."})
    locked = _locked_update(update)
    if locked.status != LiveUpdate.Status.PUBLISHED:
        raise ValidationError("Corrections are for published updates; edit a draft instead.")
    return LiveUpdateCorrection.objects.create(update=locked, text=text, created_by=editor)
