"""The desk's service layer: who may do what, and every step a story takes through the desk.

The admin form, the list actions and any command change an article's status, publish time and
corrections only through these functions, so the rules (rights, publish times, embargoes,
bylines, what may be deleted) hold for every caller. Each service locks the article's row
(``select_for_update``; on SQLite the transaction takes the write lock when it begins, see
settings) and saves only the fields it changes with ``save(update_fields=...)``, never
``QuerySet.update()``, so the page cache hears every change through post_save. Each change is
kept as a revision (django-reversion) with who made it and why.

Which step is offered from which state lives in workflow.py; restoring a version in
restoring.py; share links in sharing.py.
"""

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
from authors.models import Author

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


def _locked(article):
    """The article's row as it stands now, locked until the transaction ends.

    Services change this copy, never the caller's, so a list action working from a page loaded
    a minute ago cannot write back what someone else has changed since.
    """
    return Article.objects.select_for_update().get(pk=article.pk)


def _write(locked, article, fields):
    """Save only ``fields`` of the locked row (plus what a save always moves) and hand the new
    values back to the caller's copy."""
    locked.save(update_fields=[*fields, "updated_at"])
    # The revision keeps the article as this step left it, even if the same request saved the
    # form's edits a moment before (reversion otherwise keeps the first save it saw).
    add_to_revision(locked)
    for name in [*fields, "updated_at", "version", "published_at", "revised_at"]:
        setattr(article, name, getattr(locked, name))
    article._saved_words = locked._saved_words
    return article


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


@transaction.atomic
def submit_for_review(*, article, user, note=""):
    """Hand a draft to the editors, with an optional note for them."""
    _require_editing_rights(user, article)
    with create_revision():
        locked = _locked(article)
        if locked.status != Article.Status.DRAFT:
            raise ValidationError("Only a draft is submitted for review.", code="not_a_draft")
        _record(user, "Submitted for review")
        locked.status = Article.Status.IN_REVIEW
        _write(locked, article, ["status"])
        if note:
            notes.record_note(article=locked, user=user, text=note)
    return article


@transaction.atomic
def pull_back_to_draft(*, article, user):
    """A writer takes back a story they submitted, before an editor has published it."""
    _require_editing_rights(user, article)
    with create_revision():
        locked = _locked(article)
        if locked.status != Article.Status.IN_REVIEW:
            raise ValidationError(
                "Only a story in review can be pulled back to draft.", code="not_in_review"
            )
        _record(user, "Pulled back to draft")
        locked.status = Article.Status.DRAFT
        _write(locked, article, ["status"])
    return article


@transaction.atomic
def send_back_to_draft(*, article, editor, note):
    """Return an article in review to its writer, saying what to fix."""
    _require_publisher(editor)
    if not note.strip():
        raise ValidationError("Say why it goes back, so the writer knows what to fix.")
    with create_revision():
        locked = _locked(article)
        if locked.status != Article.Status.IN_REVIEW:
            raise ValidationError("Only an article in review is sent back to draft.")
        _record(editor, "Sent back to draft")
        locked.status = Article.Status.DRAFT
        _write(locked, article, ["status"])
        notes.record_note(article=locked, user=editor, text=note.strip())
    return article


def add_desk_note(*, article, user, text):
    """A note from the article form: one more in the story's conversation (notes.py)."""
    _require_editing_rights(user, article)
    return notes.leave_note(article=article, user=user, text=text)


@transaction.atomic
def publish_article(*, article, editor, at=None, staff_byline=False):
    """Publish ``article`` at ``at`` (now when omitted); a future time schedules it.

    The embargo is a floor: asked for earlier, the article is scheduled for the moment the
    embargo lifts (``Article.save()`` keeps that true whichever way the article is saved).
    A story that is already live keeps its publish time: publishing it again must not float it
    to the top of every list as if it were new. A story goes out under a byline: with nobody
    named it is refused, unless ``staff_byline`` credits it to the newsroom's own.
    """
    _require_publisher(editor)
    with create_revision():
        locked = _locked(article)
        if locked.is_published():
            if at is not None:
                raise ValidationError(
                    "This story is already live: its publish time stays. "
                    "Unpublish it first to schedule it again.",
                    code="already_live",
                )
            return _carry(locked, article)
        check_publishable(locked, at)
        if staff_byline:
            credit_staff_byline(article=locked, user=editor)
        check_byline(locked.bylines.values_list("author_id", flat=True))
        locked.status = Article.Status.PUBLISHED
        locked.published_at = at or timezone.now()
        _write(locked, article, ["status", "published_at"])
        if article.published_at > timezone.now():
            _record(editor, f"Scheduled for {local_time(article.published_at)}")
        else:
            _record(editor, "Published")
    return article


def _carry(locked, article):
    for name in ["status", "published_at", "embargo_until", "updated_at", "version"]:
        setattr(article, name, getattr(locked, name))
    return article


@transaction.atomic
def unpublish_article(*, article, editor):
    """Take ``article`` off the site, or out of the schedule, and back to draft.

    Whatever pointed readers at it stops too (``story_unpublished``); what that was is listed in
    ``article.unpublish_notices``.
    """
    _require_publisher(editor)
    with create_revision():
        locked = _locked(article)
        if locked.status != Article.Status.PUBLISHED:
            raise ValidationError("Only a published or scheduled story is unpublished.")
        _record(editor, "Unpublished")
        fields = ["status", "published_at"]
        was_visible = locked.is_published()
        if was_visible:
            # Readers and search engines saw it: its address answers 410 Gone, not 404.
            locked.withdrawn_at = timezone.now()
            fields.append("withdrawn_at")
        locked.status = Article.Status.DRAFT
        # A draft keeps no publish time, so republishing later is a deliberate new decision.
        locked.published_at = None
        _write(locked, article, fields)
        article.withdrawn_at = locked.withdrawn_at
        answers = story_unpublished.send(
            sender=Article, article=locked, editor=editor, was_visible=was_visible
        )
        # What else readers stopped seeing because of it, for the desk to say.
        article.unpublish_notices = [notice for _, notice in answers if notice]
    return article


@transaction.atomic
def delete_article(*, article, user):
    """Delete a story nobody outside the desk has seen; anything readers saw is withdrawn."""
    if not user.has_perm("articles.delete_article"):
        raise PermissionDenied("You cannot delete articles.")
    locked = _locked(article)
    if locked.was_ever_public():
        raise ValidationError(NOT_DELETABLE, code="ever_public")
    if not can_publish(user) and not can_edit(user, locked):
        raise PermissionDenied("You cannot delete this article.")
    locked.delete()


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
    with create_revision():
        locked = _locked(article)
        if not locked.is_published():
            raise ValidationError(
                "Corrections are for stories readers have seen; edit an unpublished story instead."
            )
        correction = Correction.objects.create(
            article=locked, kind=kind, text=text.strip(), created_by=editor
        )
        _record(editor, f"Added {correction.get_kind_display().lower()}")
        locked.revised_at = correction.created_at
        # updated_at moves too: anyone with the form open must not save over the new time.
        _write(locked, article, ["revised_at"])
    return correction


def revisions_of(article):
    """The article's saved versions, newest first, with who saved them."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )
