"""Breaking alerts: an edition tied to one story, sent by the worker when the story goes live.

An editor attaches the alert (``attach_alert``); a task is queued for the story's go-live
(now, if it is already visible to readers). When any task runs, it checks the story then: sent
only if it is visible to readers at that moment; a story scheduled later, or under embargo,
keeps the alert waiting (a save that moves its go-live queues a task for the new time, see
``story_saved``); a story withdrawn after the alert was attached cancels it. The alert's status
is changed under its row lock, so however many tasks were queued it goes out once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from articles.models import Article
from newsletters.models import Edition, Newsletter
from newsletters.queue import enqueue
from newsletters.sending import check_mail, prepare, require_sender

GO_LIVE_FIELDS = {"status", "published_at", "embargo_until"}


def queue_release(edition, article):
    """A task at the story's go-live, or now when it is visible already."""
    goes_live = article.goes_live_at
    if goes_live is None:
        return  # not published or scheduled: its next go-live queues one
    enqueue(release_alert_task, edition.pk, run_after=max(goes_live, timezone.now()))


def check_alert(*, article, newsletter, editor):
    """What must hold before an alert is attached, for the desk's form and every caller."""
    require_sender(editor)
    check_mail()
    if newsletter.kind != Newsletter.Kind.ALERTS:
        raise ValidationError(
            f"{newsletter.name} is not a breaking-alerts newsletter.", code="not_alerts"
        )
    if article.withdrawn_at is not None and not article.is_published():
        raise ValidationError("This story was withdrawn: no alert can go out for it.")
    if Edition.objects.filter(
        alert_article=article, newsletter=newsletter, status=Edition.Status.WAITING
    ).exists():
        raise ValidationError("This story already has an alert waiting in this newsletter.")


@transaction.atomic
def attach_alert(*, article, newsletter, editor, subject="", intro=""):
    article = Article.objects.select_for_update().get(pk=article.pk)
    check_alert(article=article, newsletter=newsletter, editor=editor)
    edition = Edition.objects.create(
        newsletter=newsletter,
        subject=(subject or article.headline).strip(),
        intro=intro or article.dek,
        alert_article=article,
        status=Edition.Status.WAITING,
        created_by=editor,
        sent_by=editor,
    )
    queue_release(edition, article)
    return edition


@transaction.atomic
def cancel_alert(*, edition, editor):
    require_sender(editor)
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.status != Edition.Status.WAITING:
        raise ValidationError("Only an alert that is still waiting can be called off.")
    locked.status = Edition.Status.CANCELLED
    locked.outcome = f"Called off by {editor.get_username()}."
    locked.finished_at = timezone.now()
    locked.save()
    return locked


def release_alert(edition_pk):
    with transaction.atomic():
        edition = (
            Edition.objects.select_for_update()
            .select_related("newsletter")
            .filter(pk=edition_pk)
            .first()
        )
        if edition is None or edition.status != Edition.Status.WAITING:
            return "nothing to do"
        article = Article.objects.get(pk=edition.alert_article_id)
        if article.withdrawn_at is not None and article.withdrawn_at >= edition.created_at:
            edition.status = Edition.Status.CANCELLED
            edition.outcome = "Not sent: the story was withdrawn before the alert went out."
            edition.finished_at = timezone.now()
            edition.save()
            return "cancelled"
        if not article.is_published():
            return "waiting for the story"
        edition.status = Edition.Status.QUEUED
        edition.queued_at = timezone.now()
        return prepare(edition)


@receiver(post_save, sender=Article, dispatch_uid="newsletters_alert_follows_story")
def story_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A story's go-live moved: its waiting alerts get a task for the new moment."""
    if raw or (update_fields is not None and not GO_LIVE_FIELDS & set(update_fields)):
        return
    if instance.goes_live_at is None:
        return
    for edition in Edition.objects.filter(alert_article=instance, status=Edition.Status.WAITING):
        queue_release(edition, instance)


@task()
def release_alert_task(edition_pk):
    return release_alert(edition_pk)
