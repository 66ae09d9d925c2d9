"""Which step of the desk's workflow a person may take from where a story stands.

``steps_for()`` decides what the article form offers and ``take_step()`` carries a step out
through the services in publishing.py, which check the same rights again, so the form, the list
actions and any command agree on what is possible.

    draft ──submit──▶ in review ──publish / schedule (editors)──▶ published (live or scheduled)
      ▲                 │  │
      └──pull back──────┘  └──send back with a note (editors)──▶ draft
    published ──unpublish (editors)──▶ draft, withdrawn (410) if readers saw it
"""

from django.core.exceptions import ValidationError
from django.db import models

from articles import publishing
from articles.models import Article


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
    if step == Step.SUBMIT:
        return publishing.submit_for_review(article=article, user=user, note=note)
    if step == Step.PULL_BACK:
        return publishing.pull_back_to_draft(article=article, user=user)
    if step == Step.SEND_BACK:
        return publishing.send_back_to_draft(article=article, editor=user, note=note)
    if step == Step.PUBLISH:
        return publishing.publish_article(article=article, editor=user)
    if step == Step.SCHEDULE:
        return publishing.publish_article(article=article, editor=user, at=at)
    if step == Step.UNPUBLISH:
        return publishing.unpublish_article(article=article, editor=user)
    return article
