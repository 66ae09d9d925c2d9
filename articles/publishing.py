"""Moving an article between draft, review and publication.

The admin form, the admin actions and any future command change an article's status and publish
time only through these functions, so the rights check (and whatever publishing later sets off,
such as purging caches) has a single home.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Article

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user):
    """Whether ``user`` may publish, schedule and unpublish articles (editors, not journalists)."""
    return user.has_perm(PUBLISH_PERMISSION)


def _require_publisher(user):
    if not can_publish(user):
        raise PermissionDenied("Only editors can publish, schedule or unpublish articles.")


@transaction.atomic
def submit_for_review(*, article, user):
    """Hand a draft to the editors."""
    if not user.has_perm("articles.change_article"):
        raise PermissionDenied("You cannot change articles.")
    if article.status == Article.Status.PUBLISHED:
        # Taking a story off the site is unpublishing, which needs the publish right.
        raise ValidationError("A published article is unpublished, not submitted for review.")
    article.status = Article.Status.IN_REVIEW
    article.save()
    return article


@transaction.atomic
def publish_article(*, article, editor, at=None):
    """Publish ``article`` at ``at`` (now when omitted); a future time schedules it."""
    _require_publisher(editor)
    article.status = Article.Status.PUBLISHED
    article.published_at = at or timezone.now()
    article.withdrawn_at = None
    article.save()
    return article


@transaction.atomic
def unpublish_article(*, article, editor):
    """Take ``article`` off the site, or out of the schedule, and back to draft."""
    _require_publisher(editor)
    if article.is_published():
        # Readers and search engines saw it: its address answers 410 Gone, not 404.
        article.withdrawn_at = timezone.now()
    article.status = Article.Status.DRAFT
    # A draft keeps no publish time, so republishing later is a deliberate new decision.
    article.published_at = None
    article.save()
    return article
