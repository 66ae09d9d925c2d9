"""Which step of the desk's workflow a person may take from where a story stands.

``steps_for()`` decides what the article form offers and ``take_step()`` carries a step out
through the services in publishing.py, which check the same rights again, so the form, the list
actions and any command agree on what is possible.

    draft ──submit──▶ in review ──publish / schedule (editors)──▶ published (live or scheduled)
      ▲                 │  │
      └──pull back──────┘  └──send back with a note (editors)──▶ draft
    published ──unpublish (editors)──▶ draft, withdrawn (410) if readers saw it
"""

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from reversion import add_to_revision, create_revision, set_user

from articles import publishing
from articles.models import Article
from articles.writing import locked, write_article
from delivery.changes import one_change


class Step(models.TextChoices):
    """The buttons at the foot of the article form."""

    SAVE = "save", "Save"
    SUBMIT = "submit", "Submit for review"
    PULL_BACK = "pull_back", "Pull back to draft"
    SEND_BACK = "send_back", "Send back to draft"
    SCHEDULE = "schedule", "Schedule…"
    PUBLISH = "publish", "Publish now"
    UNPUBLISH = "unpublish", "Unpublish"


EDITOR_STEPS = {Step.SEND_BACK, Step.SCHEDULE, Step.PUBLISH, Step.UNPUBLISH}
PUBLISHING_STEPS = {Step.SCHEDULE, Step.PUBLISH}


def steps_for(user, article):
    """The steps ``user`` may take with ``article`` (None while adding), as (step, label, style)."""
    if article is not None and not publishing.can_edit(user, article):
        return []
    is_editor = publishing.can_publish(user)
    status = article.status if article is not None else Article.Status.DRAFT
    if status == Article.Status.DRAFT:
        steps = [(Step.SAVE, "Save draft", ""), (Step.SUBMIT, "Submit for review", "")]
    elif status == Article.Status.IN_REVIEW:
        steps = [(Step.SAVE, "Save", "")]
        if is_editor:
            steps.append((Step.SEND_BACK, "Send back to draft", "warning"))
        else:
            steps.append((Step.PULL_BACK, "Pull back to draft", "warning"))
    else:
        steps = [(Step.SAVE, "Save changes", "")]
    if is_editor:
        if article is None or not article.is_published():
            steps += [(Step.SCHEDULE, "Schedule…", ""), (Step.PUBLISH, "Publish now", "publish")]
        if status == Article.Status.PUBLISHED:
            steps.append((Step.UNPUBLISH, "Unpublish", "danger"))
    elif status == Article.Status.DRAFT:
        steps[-1] = (Step.SUBMIT, "Submit for review", "publish")
    return steps


def refuse_step(user, article, step):
    """Why ``user`` may not take ``step`` with ``article`` now, as a ValidationError, or None."""
    if step in [value for value, _, _ in steps_for(user, article)]:
        return None
    if step in EDITOR_STEPS and not publishing.can_publish(user):
        return ValidationError(publishing.NOT_A_PUBLISHER, code="not_a_publisher")
    return ValidationError(
        "“%(step)s” is not possible while the article is %(status)s.",
        code="step_not_possible",
        params={
            "step": Step(step).label,
            "status": (article.desk_status if article else "new").replace("_", " "),
        },
    )


def take_step(*, article, user, step, at=None, note=""):
    """Carry out ``step`` on a saved ``article`` through the service that owns it."""
    if step == Step.SAVE:
        return article
    return publishing.take_step(article=article, user=user, step=step, at=at, note=note)


NEWER_SAVE = (
    "Someone saved this story after you opened it: nothing was changed. Reload to see their "
    "version, then make your change again."
)


@transaction.atomic
@one_change()
def save_article(
    *, article, user, fields, step=Step.SAVE, at=None, note="", staff_byline=False, related=None
):
    """The article form's save: its edits (``fields`` of ``article``), its related rows (written
    by ``related(article)``: tags, byline, picks, corrections) and the step pressed, as one
    change and one write of the story's row, with every rule of the step's service.

    A new story's row is written first, since its byline and tags point at it, and once more
    only when a step is taken in the same press.
    """
    with create_revision():
        set_user(user)
        adding = article.pk is None
        if adding:
            if not user.has_perm("articles.add_article"):
                raise PermissionDenied("You cannot write articles.")
            article.created_by = user
            write_article(article)
            stored = copy.copy(article)
        else:
            stored = locked(article)
            if not publishing.can_edit(user, stored):
                raise PermissionDenied("You cannot change this article.")
            if stored.version != article.version:
                raise ValidationError(NEWER_SAVE, code="newer_save")
        if related is not None:
            related(article)
        if adding:
            publishing.add_default_byline(article=article, user=user)
        if staff_byline:
            publishing.credit_staff_byline(article=article, user=user)
        after, step_fields = None, []
        if step != Step.SAVE:
            step_fields, after = publishing.STEPS[step](article, user, at=at, note=note)
        if not adding or step_fields:
            write_article(article, stored=stored, fields=[*fields, *step_fields])
        add_to_revision(article)
        if after is not None:
            after(article)
        if note and step not in (Step.SUBMIT, Step.SEND_BACK):
            publishing.add_desk_note(article=article, user=user, text=note)
    return article
