"""The desk's side of the newsletters: who may send, what an edition needs before it goes, the
digest assembled from the front page, sending now or at a time, a test copy, and the send log.

The admin, the ``send_newsletter`` command and the tasks all call these functions. Pressing
Send only marks the edition queued and puts one task on the queue, whatever the list's size;
the worker then writes one delivery row per recipient and hands the messages over in batches
(``delivering.py``).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks import task

from articles.models import Article
from frontpage.models import FrontSlot
from newsletters import delivering, mail
from newsletters.emails import edition_message, render_edition, visible_stories
from newsletters.models import Delivery, Edition, EditionStory, Newsletter, Subscriber, Subscription
from newsletters.queue import enqueue
from website.editions import edition_languages

SEND_PERMISSION = "newsletters.send_edition"
NOT_A_SENDER = "Only editors can send newsletters."
DIGEST_SIZE = 12
# When mail is not set up when an edition's time comes, it waits and is tried again.
WAIT_FOR_MAIL = datetime.timedelta(minutes=5)


def can_send(user):
    return user.has_perm(SEND_PERMISSION)


def require_sender(user):
    if not can_send(user):
        raise PermissionDenied(NOT_A_SENDER)


def check_mail():
    reason = mail.mail_unavailable_reason()
    if reason:
        raise ValidationError(reason, code="mail_unavailable")


def check_sendable(edition, at=None):
    """What must hold before an edition is queued, now or for ``at``."""
    check_mail()
    if not edition.subject.strip():
        raise ValidationError("Write a subject line.", code="no_subject")
    if edition.newsletter.kind != Newsletter.Kind.DIGEST:
        raise ValidationError(
            "Breaking alerts go out with their story: attach one under “Breaking alerts”.",
            code="alerts_newsletter",
        )
    stories = edition.ordered_stories()
    if not stories:
        raise ValidationError("Add at least one story.", code="no_stories")
    moment = at or timezone.now()
    for story in stories:
        goes_live = story.goes_live_at
        if not story.is_published() and (goes_live is None or goes_live > moment):
            when = "then" if at else "now"
            raise ValidationError(
                f"“{story.headline}” is not published {when}: readers would get a story they "
                "cannot open. Remove it, or publish it first.",
                code="story_not_published",
            )


def _locked(edition):
    return Edition.objects.select_for_update().select_related("newsletter").get(pk=edition.pk)


@transaction.atomic
def send_now(*, edition, editor):
    """Queue ``edition`` now. ``editor`` None is a command run on the server (cron)."""
    if editor is not None:
        require_sender(editor)
    locked = _locked(edition)
    if locked.status not in (Edition.Status.DRAFT, Edition.Status.SCHEDULED):
        raise ValidationError(f"This edition is {locked.get_status_display().lower()}.")
    check_sendable(locked)
    locked.status = Edition.Status.QUEUED
    locked.send_at = None
    locked.queued_at = timezone.now()
    locked.sent_by = editor
    locked.outcome = ""
    locked.save()
    enqueue(start_edition_task, locked.pk)
    return locked


@transaction.atomic
def schedule(*, edition, editor, at):
    require_sender(editor)
    if at is None or at <= timezone.now():
        raise ValidationError("Choose a time in the future, or send it now.", code="time_passed")
    locked = _locked(edition)
    if locked.status not in (Edition.Status.DRAFT, Edition.Status.SCHEDULED):
        raise ValidationError(f"This edition is {locked.get_status_display().lower()}.")
    check_sendable(locked, at)
    locked.status = Edition.Status.SCHEDULED
    locked.send_at = at
    locked.sent_by = editor
    locked.outcome = ""
    locked.save()
    # A task for an earlier time finds the edition not due and leaves it to this one.
    enqueue(start_edition_task, locked.pk, run_after=at)
    return locked


@transaction.atomic
def unschedule(*, edition, editor):
    require_sender(editor)
    locked = _locked(edition)
    if locked.status != Edition.Status.SCHEDULED:
        raise ValidationError("Only a scheduled edition can be taken back.")
    locked.status = Edition.Status.DRAFT
    locked.send_at = None
    locked.save()
    return locked


def start_edition(edition_pk):
    """The worker's first step: write one delivery row per reader, then start the batches."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().filter(pk=edition_pk).first()
        if edition is None:
            return "gone"
        now = timezone.now()
        if edition.status == Edition.Status.SCHEDULED:
            if edition.send_at is None or edition.send_at > now:
                return "not due"
        elif edition.status != Edition.Status.QUEUED:
            return f"nothing to do: {edition.status}"
        return prepare(edition)


def prepare(edition):
    """Inside the caller's transaction, with ``edition`` locked: from queued to sending."""
    now = timezone.now()
    reason = mail.mail_unavailable_reason()
    if reason:
        edition.outcome = reason
        edition.save(update_fields=["outcome", "updated_at"])
        enqueue(start_edition_task, edition.pk, run_after=now + WAIT_FOR_MAIL)
        return "waiting for mail to be set up"
    if not visible_stories(edition):
        edition.status = Edition.Status.CANCELLED
        edition.outcome = "Not sent: none of its stories is published any more."
        edition.finished_at = now
        edition.save()
        return "cancelled"
    edition.status = Edition.Status.SENDING
    edition.started_at = now
    edition.queued_at = edition.queued_at or now
    edition.outcome = ""
    edition.recipient_count = delivering.create_deliveries(edition)
    edition.save()
    delivering.start_batches(edition)
    return f"sending to {edition.recipient_count}"


def send_test(*, edition, editor):
    """A copy to the editor's own address, sent at once; its links change nothing."""
    require_sender(editor)
    check_mail()
    if not editor.email:
        raise ValidationError("Your desk account has no email address: add one to get a test.")
    stories = visible_stories(edition) if edition.pk else []
    rendered = render_edition(edition, stories)
    reader = Subscriber(pk=0, address=editor.email, link_key="test-copy")
    message = edition_message(rendered, edition=edition, subscriber=reader)
    message.subject = f"[Test] {message.subject}"
    try:
        with get_connection() as connection:
            connection.send_messages([message])
    except Exception as error:  # Shown to the editor in words; nothing else to undo.
        _, text = mail.classify(error)
        raise ValidationError(f"The test was not sent: {text}") from error
    return editor.email


def digest_stories(newsletter, *, now=None, limit=DIGEST_SIZE):
    """What a digest would carry: stories placed on the front page first, then the newest, all
    published since the newsletter's last edition (and none that edition carried)."""
    now = now or timezone.now()
    last = newsletter.editions.filter(status=Edition.Status.SENT).order_by("-started_at").first()
    since = last.started_at if last else now - datetime.timedelta(days=1)
    carried = set(
        EditionStory.objects.filter(edition=last).values_list("article_id", flat=True)
        if last
        else []
    )
    # A newsletter in an edition's language carries that edition's front and stories.
    language = newsletter.email_language
    edition = language if language in edition_languages() else settings.LANGUAGE_CODE
    visible = Article.objects.published().in_edition(edition)
    placed = [
        slot.article
        for slot in FrontSlot.objects.active(now)
        .filter(language=edition)
        .select_related("article")
        .order_by("position")
        if slot.article.is_published() and slot.article_id not in carried
    ]
    newest = visible.filter(published_at__gt=since).exclude(pk__in=carried).newest_first()
    stories = placed + [story for story in newest[: limit * 2] if story not in placed]
    return stories[:limit], last


@transaction.atomic
def compose_digest(*, newsletter, editor=None, edition=None):
    """A draft (or ``edition``'s stories replaced) with the digest since the last edition."""
    if editor is not None:
        require_sender(editor)
    stories, last = digest_stories(newsletter)
    if not stories:
        since = f" (sent {date_format(timezone.localtime(last.started_at), 'j M, H:i')})"
        raise ValidationError(
            f"Nothing new since the last edition{since if last else ''}.", code="nothing_new"
        )
    if edition is None:
        today = date_format(timezone.localtime(), "j F Y")
        edition = Edition.objects.create(
            newsletter=newsletter, subject=f"{newsletter.name}: {today}", created_by=editor
        )
    else:
        edition.placements.all().delete()
    EditionStory.objects.bulk_create(
        EditionStory(edition=edition, article=story, position=position)
        for position, story in enumerate(stories)
    )
    return edition


@dataclass
class SendLog:
    recipients: int
    waiting: int
    sent: int
    failed: int
    skipped: int
    unconfirmed: int
    bounced: int
    complained: int
    unsubscribed: int

    @property
    def adds_up(self):
        total = self.waiting + self.sent + self.failed + self.skipped + self.unconfirmed
        return total == self.recipients

    @property
    def done(self):
        return self.recipients - self.waiting

    @property
    def percent(self):
        return 100 if not self.recipients else round(100 * self.done / self.recipients)


def send_log(edition):
    statuses = dict(
        Delivery.objects.filter(edition=edition)
        .values("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    events = Delivery.objects.filter(edition=edition).aggregate(
        bounced=Count("id", filter=Q(bounced_at__isnull=False)),
        complained=Count("id", filter=Q(complained_at__isnull=False)),
        unsubscribed=Count("id", filter=Q(unsubscribed_at__isnull=False)),
    )
    waiting = sum(statuses.get(status, 0) for status in delivering.WAITING_STATUSES)
    return SendLog(
        recipients=sum(statuses.values()),
        waiting=waiting,
        sent=statuses.get(Delivery.Status.SENT, 0),
        failed=statuses.get(Delivery.Status.FAILED, 0),
        skipped=statuses.get(Delivery.Status.SKIPPED, 0),
        unconfirmed=statuses.get(Delivery.Status.UNCONFIRMED, 0),
        **events,
    )


def audience(newsletter, *, weeks=8, now=None):
    """Subscribers now, and the new and lost ones in each of the last ``weeks`` weeks."""
    now = now or timezone.now()
    subscriptions = Subscription.objects.filter(newsletter=newsletter)
    current = subscriptions.filter(status=Subscription.Status.SUBSCRIBED).count()
    rows = []
    end = timezone.localtime(now)
    start_of_week = (end - datetime.timedelta(days=end.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    for index in range(weeks):
        start = start_of_week - datetime.timedelta(weeks=index)
        stop = start + datetime.timedelta(weeks=1)
        rows.append(
            {
                "week": start,
                "new": subscriptions.filter(subscribed_at__gte=start, subscribed_at__lt=stop)
                .exclude(subscribed_via=Subscription.Via.IMPORT)
                .count(),
                "imported": subscriptions.filter(
                    subscribed_at__gte=start,
                    subscribed_at__lt=stop,
                    subscribed_via=Subscription.Via.IMPORT,
                ).count(),
                "lost": subscriptions.filter(
                    unsubscribed_at__gte=start, unsubscribed_at__lt=stop
                ).count(),
            }
        )
    return current, rows


@task()
def start_edition_task(edition_pk):
    return start_edition(edition_pk)
