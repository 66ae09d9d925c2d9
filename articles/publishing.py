"""The desk's service layer: who may do what, and every step a story takes through the desk.

The admin form, the list actions and any command change an article's status, publish time and
corrections only through these functions, so the rules (rights, publish times, embargoes,
bylines, what may be deleted) hold for every caller. Each service is one change
(``delivery.changes``) in one transaction: it locks the article's row (``select_for_update``; on
SQLite the transaction takes the write lock when it begins, see settings), takes its step on
that copy (the ``_step`` functions, which the desk form's ``save_article`` takes too) and writes
the row once through ``articles.writing``, so the page cache and search hear of it once. Each
change is kept as a revision (django-reversion) with who made it and why.

Which step is offered from which state lives in workflow.py; restoring a version in
restoring.py; share links in sharing.py.
"""

import copy

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format
from reversion import add_to_revision, create_revision, get_comment, get_user, set_comment, set_user
from reversion.models import Version

from articles import models, notes
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleSlug,
    Correction,
    count_words,
)
from articles.writing import ALWAYS_WRITTEN, locked, write_article
from authors.models import Author
from delivery.changes import one_change

# Sent inside ``unpublish_article``'s transaction once the story has left readers (or the
# schedule), with ``article``, ``editor`` and ``was_visible``. Apps above articles take down what
# pointed readers at it (the front page's slot, the breaking banner) and answer with a sentence
# for the desk saying what they did, or None.
story_unpublished = Signal()

PUBLISH_PERMISSION = "articles.publish_article"
NOT_A_PUBLISHER = "Only editors can publish, schedule or unpublish articles."
EMBARGO_ON_LIVE_STORY = models.EMBARGO_ON_LIVE_STORY
NOT_DELETABLE = models.NOT_DELETABLE
NO_BYLINE = (
    "This story has no byline: name who wrote it, or credit it to the staff byline "
    "(“%(staff)s”), before publishing or scheduling it."
)


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
    """Sign the current revision: who made the change and what it was.

    Comments are kept as "; "-separated parts and compared whole, so "Published" is never
    taken for part of "Unpublished".
    """
    if get_user() is None:
        set_user(user)
    parts = [part for part in get_comment().split("; ") if part]
    if comment not in parts:
        set_comment("; ".join([*parts, comment]))


def local_time(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _write(row, article, fields, stored):
    """Write ``fields`` of the locked row once and hand the new values back to the caller's
    copy."""
    write_article(row, stored=stored, fields=fields)
    # The revision keeps the article as this change left it.
    add_to_revision(row)
    for name in {*fields, *ALWAYS_WRITTEN}:
        setattr(article, name, getattr(row, name))
    return article


def _lock(article):
    """The row to change, and a copy of it as it stood, to compare with when writing."""
    row = locked(article)
    return row, copy.copy(row)


def slug_taken(slug, article_pk=None):
    """Whether another story uses ``slug``, as its address or as an old one that redirects."""
    others = Article.objects.filter(slug=slug).exclude(pk=article_pk)
    old = ArticleSlug.objects.filter(slug=slug).exclude(article_id=article_pk)
    return others.exists() or old.exists()


def free_slug(slug, article_pk=None):
    """``slug``, or the first of ``slug-2``, ``slug-3``… no other story uses.

    Recurring headlines ("Morning briefing") are the norm in a newsroom: each new one gets its
    own address instead of an error.
    """
    candidate, number = slug, 1
    limit = Article._meta.get_field("slug").max_length
    while slug_taken(candidate, article_pk):
        number += 1
        suffix = f"-{number}"
        candidate = f"{slug[: limit - len(suffix)]}{suffix}"
    return candidate


def check_embargo(article):
    """Refuse an embargo that would take a live story off the site without anyone saying so.

    An embargo holds back what has not been published; a story readers can already see cannot
    be un-seen by one. Taking it down is a deliberate step, "Unpublish", which also tells its
    readers it was withdrawn (410) instead of pretending it never existed (404).
    """
    if article.pk is None or not article.is_embargoed():
        return
    stored = Article.objects.filter(pk=article.pk).first()
    if stored is not None and stored.is_published():
        raise ValidationError(EMBARGO_ON_LIVE_STORY, code="embargo_on_live_story")


def check_publishable(article, at=None):
    """What must hold before ``article`` goes live or is scheduled, for every caller."""
    if not article.body.strip() or not count_words(article.body):
        raise ValidationError(
            "The body is empty: write the story before publishing or scheduling it.",
            code="empty_body",
        )
    if at is not None and at <= timezone.now():
        raise ValidationError(
            "That time has passed: choose a later one, or “Publish now”.", code="time_passed"
        )


def _submit(row, user, *, note="", **kwargs):
    _require_editing_rights(user, row)
    if row.status != Article.Status.DRAFT:
        raise ValidationError("Only a draft is submitted for review.", code="not_a_draft")
    row.status = Article.Status.IN_REVIEW
    _record(user, "Submitted for review")
    return ["status"], _leave_note(row, user, note)


def _pull_back(row, user, **kwargs):
    _require_editing_rights(user, row)
    if row.status != Article.Status.IN_REVIEW:
        raise ValidationError(
            "Only a story in review can be pulled back to draft.", code="not_in_review"
        )
    row.status = Article.Status.DRAFT
    _record(user, "Pulled back to draft")
    return ["status"], None


def _send_back(row, user, *, note="", **kwargs):
    _require_publisher(user)
    if not note.strip():
        raise ValidationError("Say why it goes back, so the writer knows what to fix.")
    if row.status != Article.Status.IN_REVIEW:
        raise ValidationError("Only an article in review is sent back to draft.")
    row.status = Article.Status.DRAFT
    _record(user, "Sent back to draft")
    return ["status"], _leave_note(row, user, note)


def _publish(row, user, *, at=None, staff_byline=False, **kwargs):
    """The embargo is a floor: asked for earlier, the story is scheduled for the moment the
    embargo lifts (``articles.writing``). A story already live keeps its publish time:
    publishing it again must not float it to the top of every list as if it were new."""
    _require_publisher(user)
    if row.is_published():
        if at is not None:
            raise ValidationError(
                "This story is already live: its publish time stays. "
                "Unpublish it first to schedule it again.",
                code="already_live",
            )
        return [], None
    check_publishable(row, at)
    if staff_byline:
        credit_staff_byline(article=row, user=user)
    check_byline(row.bylines.values_list("author_id", flat=True))
    row.status = Article.Status.PUBLISHED
    row.published_at = at or timezone.now()
    floor = row.embargo_until
    goes_live = max(row.published_at, floor) if floor else row.published_at
    if goes_live > timezone.now():
        _record(user, f"Scheduled for {local_time(goes_live)}")
    else:
        _record(user, "Published")
    return ["status", "published_at"], None


def _unpublish(row, user, **kwargs):
    _require_publisher(user)
    if row.status != Article.Status.PUBLISHED:
        raise ValidationError("Only a published or scheduled story is unpublished.")
    fields = ["status", "published_at"]
    was_visible = row.is_published()
    if was_visible:
        # Readers and search engines saw it: its address answers 410 Gone, not 404.
        row.withdrawn_at = timezone.now()
        fields.append("withdrawn_at")
    row.status = Article.Status.DRAFT
    # A draft keeps no publish time, so republishing later is a deliberate new decision.
    row.published_at = None
    _record(user, "Unpublished")

    def after(article):
        article.withdrawn_at = row.withdrawn_at
        answers = story_unpublished.send(
            sender=Article, article=row, editor=user, was_visible=was_visible
        )
        # What else readers stopped seeing because of it, for the desk to say.
        article.unpublish_notices = [notice for _, notice in answers if notice]

    return fields, after


def _leave_note(row, user, note):
    if not note.strip():
        return None
    return lambda article: notes.record_note(article=row, user=user, text=note.strip())


# What each of the desk's steps does to a locked row; workflow.py says who is offered which.
STEPS = {
    "submit": _submit,
    "pull_back": _pull_back,
    "send_back": _send_back,
    "schedule": _publish,
    "publish": _publish,
    "unpublish": _unpublish,
}


@transaction.atomic
@one_change()
def take_step(*, article, user, step, **options):
    """Take one of the desk's steps (``STEPS``) with ``article``: lock, step, write once."""
    with create_revision():
        row, stored = _lock(article)
        fields, after = STEPS[step](row, user, **options)
        if fields:
            _write(row, article, fields, stored)
        else:
            _carry(row, article)
        if after is not None:
            after(article)
    return article


def submit_for_review(*, article, user, note=""):
    """Hand a draft to the editors, with an optional note for them."""
    return take_step(article=article, user=user, step="submit", note=note)


def pull_back_to_draft(*, article, user):
    """A writer takes back a story they submitted, before an editor has published it."""
    return take_step(article=article, user=user, step="pull_back")


def send_back_to_draft(*, article, editor, note):
    """Return an article in review to its writer, saying what to fix."""
    return take_step(article=article, user=editor, step="send_back", note=note)


def publish_article(*, article, editor, at=None, staff_byline=False):
    """Publish ``article`` at ``at`` (now when omitted); a future time schedules it.

    A story goes out under a byline: with nobody named it is refused, unless ``staff_byline``
    credits it to the newsroom's own.
    """
    return take_step(article=article, user=editor, step="publish", at=at, staff_byline=staff_byline)


def unpublish_article(*, article, editor):
    """Take ``article`` off the site, or out of the schedule, and back to draft.

    Whatever pointed readers at it stops too (``story_unpublished``); what that was is listed in
    ``article.unpublish_notices``.
    """
    return take_step(article=article, user=editor, step="unpublish")


def add_desk_note(*, article, user, text):
    """A note from the article form: one more in the story's conversation (notes.py)."""
    _require_editing_rights(user, article)
    return notes.leave_note(article=article, user=user, text=text)


def _carry(row, article):
    for name in ["status", "published_at", "embargo_until", "updated_at", "version"]:
        setattr(article, name, getattr(row, name))
    return article


@transaction.atomic
def delete_article(*, article, user):
    """Delete a story nobody outside the desk has seen; anything readers saw is withdrawn."""
    if not user.has_perm("articles.delete_article"):
        raise PermissionDenied("You cannot delete articles.")
    row = locked(article)
    if row.was_ever_public():
        raise ValidationError(NOT_DELETABLE, code="ever_public")
    if not can_publish(user) and not can_edit(user, row):
        raise PermissionDenied("You cannot delete this article.")
    row.delete()


def add_default_byline(*, article, user):
    """A writer's own new story carries their name until they say otherwise."""
    if article.bylines.exists():
        return None
    profile = Author.objects.profile_of(user)
    if profile is None:
        return None
    return ArticleAuthor.objects.create(article=article, author=profile)


def staff_byline_name():
    return settings.SITE_NAME


def check_byline(authors):
    """Refuse to put out a story under ``authors`` (the byline it will carry) when it is empty.

    Readers are owed a name: the writer's, or, for a story no person signs (agency copy, an
    editorial), the newsroom's own staff byline, which someone has to choose.
    """
    if not list(authors):
        raise ValidationError(NO_BYLINE, code="no_byline", params={"staff": staff_byline_name()})


@transaction.atomic
def credit_staff_byline(*, article, user):
    """Put the newsroom's staff byline on a story with no name in its byline."""
    _require_editing_rights(user, article)
    if article.bylines.exists():
        return None
    with create_revision():
        _record(user, f"Credited to {staff_byline_name()}")
        byline = ArticleAuthor.objects.create(article=article, author=Author.objects.staff_byline())
        add_to_revision(article)
    return byline


@transaction.atomic
def add_correction(*, article, editor, kind, text):
    """Append a typed, timestamped note to a live article; its "Updated" time moves with it.

    Corrections are append-only (``Correction.save()`` refuses to rewrite one) and each is kept
    in the article's revision, so the history shows when it appeared and who added it.
    """
    _require_publisher(editor)
    if not text.strip():
        raise ValidationError("Write what was corrected or updated.")
    with one_change(), create_revision():
        row, stored = _lock(article)
        if not row.is_published():
            raise ValidationError(
                "Corrections are for stories readers have seen; edit an unpublished story instead."
            )
        correction = Correction.objects.create(
            article=row, kind=kind, text=text.strip(), created_by=editor
        )
        _record(editor, f"Added {correction.get_kind_display().lower()}")
        row.revised_at = correction.created_at
        # The version moves too: anyone with the form open must not save over the new time.
        _write(row, article, ["revised_at"], stored)
    return correction


def revisions_of(article):
    """The article's saved versions, newest first, with who saved them."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )
