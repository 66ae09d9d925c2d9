"""The worker's side of a send: one row per recipient, batches claimed by whichever worker is
free, each message handed over and recorded before the next, and a send that survives a worker
killed at any moment without anyone getting two copies.

- ``create_deliveries`` writes every row in one statement (unique per edition and subscriber).
- ``deliver_batch`` (the task ``deliver_edition``) claims up to NEWSROOM_NEWSLETTER_BATCH_SIZE
  waiting rows under the edition's row lock (``SKIP LOCKED`` where the database has it; SQLite
  takes its write lock for the whole transaction) and, in the same transaction, queues the task
  that continues after it, so a send never depends on one worker staying alive.
- Each message is marked ``handing`` before it goes and ``sent`` (or retried, failed) after, in
  one commit with the next message's mark. A claim is held on a lease renewed while the worker
  works; once a lease has run out its untouched rows go back to waiting and its one ``handing``
  row becomes ``unconfirmed``: the server may have taken it, so it is not sent again.
- The edition is sent when no row is waiting: every message the server was going to accept has
  been accepted; the counts say what happened to the others.
"""

import datetime
import secrets
import time

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks import task

from newsletters import mail
from newsletters.emails import edition_message, render_edition
from newsletters.models import Delivery, Edition, Subscription, Suppression
from newsletters.queue import enqueue
from newsletters.subscriptions import suppress

WAITING_STATUSES = (
    Delivery.Status.QUEUED,
    Delivery.Status.CLAIMED,
    Delivery.Status.HANDING,
    Delivery.Status.DEFERRED,
)
RENDER_SECONDS = 60  # a story unpublished during a long send leaves the later batches


def lease():
    return datetime.timedelta(seconds=settings.NEWSROOM_NEWSLETTER_LEASE_SECONDS)


def create_deliveries(edition):
    """One row for every confirmed subscriber not suppressed; returns how many there are."""
    quote = connection.ops.quote_name
    delivery, subscription = Delivery._meta.db_table, Subscription._meta.db_table
    subscriber = Subscription._meta.get_field("subscriber").related_model._meta.db_table
    suppression = Suppression._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(delivery)} (edition_id, subscriber_id, status, attempts, claim, "
            "error, message_id) "
            f"SELECT %s, s.subscriber_id, %s, 0, '', '', '' FROM {quote(subscription)} s "
            f"JOIN {quote(subscriber)} r ON r.id = s.subscriber_id "
            "WHERE s.newsletter_id = %s AND s.status = %s AND NOT EXISTS "
            f"(SELECT 1 FROM {quote(suppression)} x WHERE x.address_hash = r.address_hash) "
            "ORDER BY s.subscriber_id ON CONFLICT DO NOTHING",
            [
                edition.pk,
                Delivery.Status.QUEUED,
                edition.newsletter_id,
                Subscription.Status.SUBSCRIBED,
            ],
        )
    return Delivery.objects.filter(edition=edition).count()


def start_batches(edition):
    for _ in range(settings.NEWSROOM_NEWSLETTER_PARALLEL_BATCHES):
        enqueue(deliver_edition_task, edition.pk)


def deliver_batch(edition_pk):
    claim = secrets.token_hex(8)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().filter(pk=edition_pk).first()
        if edition is None or edition.status != Edition.Status.SENDING:
            return "nothing to do"
        release_lapsed_claims(edition)
        claimed = claim_batch(edition, claim)
        if not claimed:
            return settle(edition)
        enqueue(deliver_edition_task, edition_pk)
    handed = hand_over(edition_pk, claim)
    finish_if_done(edition_pk)
    return f"{handed} handed over"


def release_lapsed_claims(edition):
    lapsed = Delivery.objects.filter(edition=edition, lease_until__lt=timezone.now())
    lapsed.filter(status=Delivery.Status.HANDING).update(
        status=Delivery.Status.UNCONFIRMED,
        claim="",
        lease_until=None,
        error="The worker stopped while handing this message over. It is not sent again, so "
        "that nobody gets two copies.",
    )
    lapsed.filter(status=Delivery.Status.CLAIMED).update(
        status=Delivery.Status.QUEUED, claim="", lease_until=None
    )


def claim_batch(edition, claim):
    now = timezone.now()
    due = (
        Delivery.objects.filter(edition=edition)
        .filter(
            Q(status=Delivery.Status.QUEUED) | Q(status=Delivery.Status.DEFERRED, retry_at__lte=now)
        )
        .order_by("id")
        .select_for_update(skip_locked=True)
    )
    rows = list(due.values_list("id", "subscriber_id")[: settings.NEWSROOM_NEWSLETTER_BATCH_SIZE])
    if not rows:
        return []
    readers = [subscriber for _, subscriber in rows if subscriber is not None]
    still_subscribed = set(
        Subscription.objects.filter(
            newsletter_id=edition.newsletter_id,
            subscriber_id__in=readers,
            status=Subscription.Status.SUBSCRIBED,
        )
        .exclude(subscriber__address_hash__in=Suppression.objects.values("address_hash"))
        .values_list("subscriber_id", flat=True)
    )
    keep = [pk for pk, subscriber in rows if subscriber in still_subscribed]
    skip = [pk for pk, subscriber in rows if subscriber not in still_subscribed]
    if skip:
        Delivery.objects.filter(pk__in=skip).update(
            status=Delivery.Status.SKIPPED, claim="", lease_until=None
        )
    Delivery.objects.filter(pk__in=keep).update(
        status=Delivery.Status.CLAIMED, claim=claim, lease_until=now + lease()
    )
    return keep


_rendered = {}


def rendered_edition(edition):
    """The edition rendered once per worker and minute, not once per reader."""
    name = (edition.pk, edition.created_at, edition.started_at)
    kept = _rendered.get(name)
    if kept is None or time.monotonic() - kept[0] > RENDER_SECONDS:
        _rendered.clear()
        kept = (time.monotonic(), render_edition(edition))
        _rendered[name] = kept
    return kept[1]


def retry_or_fail(attempts, text, now):
    retries = settings.NEWSROOM_NEWSLETTER_RETRY_MINUTES
    if attempts > len(retries):
        return {"status": Delivery.Status.FAILED, "error": f"Gave up: {text}"[:300]}
    return {
        "status": Delivery.Status.DEFERRED,
        "retry_at": now + datetime.timedelta(minutes=retries[attempts - 1]),
        "error": text,
    }


def hand_over(edition_pk, claim):
    edition = Edition.objects.select_related("newsletter").get(pk=edition_pk)
    rendered = rendered_edition(edition)
    rows = list(
        Delivery.objects.filter(claim=claim, status=Delivery.Status.CLAIMED)
        .select_related("subscriber")
        .order_by("id")
    )
    outbox = None
    previous = None  # (pk, outcome) of the message before, written with the next one's mark
    renewed_at = time.monotonic()
    handed = 0
    try:
        for row in rows:
            # A claim whose lease ran out (a worker stalled this long) may have been taken over:
            # then the row is someone else's to send.
            still_ours = step(previous, row.pk, claim)
            previous = None
            if time.monotonic() - renewed_at > lease().total_seconds() / 3:
                Delivery.objects.filter(claim=claim, status__in=WAITING_STATUSES).update(
                    lease_until=timezone.now() + lease()
                )
                renewed_at = time.monotonic()
            if not still_ours:
                continue
            message = edition_message(
                rendered, edition=edition, subscriber=row.subscriber, delivery_pk=row.pk
            )
            attempts = row.attempts + 1
            now = timezone.now()
            try:
                if outbox is None:
                    outbox = get_connection()
                    outbox.open()
                outbox.send_messages([message])
            except Exception as error:  # Classified below; anything unknown is raised again.
                kind, text = mail.classify(error)
                if kind == mail.REFUSED and row.subscriber is not None:
                    suppress(address=row.subscriber.address, reason="refused", detail=text)
                if kind == mail.RETRY:
                    outcome = retry_or_fail(attempts, text, now)
                    # The connection may be what failed: the next message opens a new one.
                    _close(outbox)
                    outbox = None
                else:
                    outcome = {"status": Delivery.Status.FAILED, "error": text}
            else:
                handed += 1
                outcome = {
                    "status": Delivery.Status.SENT,
                    "sent_at": now,
                    "message_id": provider_message_id(message)[:200],
                }
            previous = (row.pk, {"error": "", **outcome, "attempts": attempts})
    finally:
        if previous is not None:
            step(previous, None, claim)
        _close(outbox)
    return handed


OUTCOME_COLUMNS = ("attempts", "sent_at", "retry_at", "error", "message_id")


def step(previous, next_pk, claim):
    """One statement, so one commit, per message: the outcome of the message before and the
    "handing" mark of the next. Returns whether the next row was still this worker's to send.

    The mark must be on disk before the message goes; the outcome may follow late (a worker
    killed in between leaves the row "handing": unconfirmed, never sent twice).
    """
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    handing, claimed = Delivery.Status.HANDING, Delivery.Status.CLAIMED
    sets, where, params, where_params = [], [], [], []
    if previous is not None:
        pk, outcome = previous
        values = {
            "attempts": outcome["attempts"],
            "sent_at": adapt(outcome.get("sent_at")),
            "retry_at": adapt(outcome.get("retry_at")),
            "error": outcome["error"],
            "message_id": outcome.get("message_id", ""),
        }
        status_else = "%s" if next_pk is not None else quote("status")
        sets.append(f"{quote('status')} = CASE WHEN id = %s THEN %s ELSE {status_else} END")
        params += [pk, outcome["status"]] + ([handing] if next_pk is not None else [])
        for column in OUTCOME_COLUMNS:
            sets.append(f"{quote(column)} = CASE WHEN id = %s THEN %s ELSE {quote(column)} END")
            params += [pk, values[column]]
        for column, cleared in (("claim", "''"), ("lease_until", "NULL")):
            sets.append(
                f"{quote(column)} = CASE WHEN id = %s THEN {cleared} ELSE {quote(column)} END"
            )
            params.append(pk)
        where.append("id = %s")
        where_params.append(pk)
    else:
        sets.append(f"{quote('status')} = %s")
        params.append(handing)
    if next_pk is not None:
        where.append(f"(id = %s AND {quote('claim')} = %s AND {quote('status')} = %s)")
        where_params += [next_pk, claim, claimed]
    table = quote(Delivery._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {', '.join(sets)} WHERE {' OR '.join(where)}",
            params + where_params,
        )
        changed = cursor.rowcount
    return next_pk is not None and changed == (2 if previous is not None else 1)


def provider_message_id(message):
    status = getattr(message, "anymail_status", None)
    if status is not None and status.message_id:
        return str(status.message_id)
    return message.extra_headers.get("Message-ID", "")


def _close(outbox):
    if outbox is not None:
        try:
            outbox.close()
        except Exception:  # A connection that already failed may fail to close; it is gone.
            pass


def settle(edition):
    """No row to claim: the send is over, or it waits for a retry or for another worker."""
    waiting = Delivery.objects.filter(edition=edition, status__in=WAITING_STATUSES)
    if not waiting.exists():
        return finish(edition)
    moments = waiting.aggregate(
        retry=Min("retry_at", filter=Q(status=Delivery.Status.DEFERRED)),
        lease=Min("lease_until"),
    )
    moment = min(value for value in moments.values() if value is not None)
    now = timezone.now()
    if edition.check_at is None or edition.check_at <= now or moment < edition.check_at:
        Edition.objects.filter(pk=edition.pk).update(check_at=moment)
        enqueue(deliver_edition_task, edition.pk, run_after=moment)
    return f"waiting until {moment.isoformat()}"


def finish(edition):
    edition.status = Edition.Status.SENT
    edition.finished_at = timezone.now()
    edition.check_at = None
    edition.save()
    return "sent"


def finish_if_done(edition_pk):
    with transaction.atomic():
        edition = Edition.objects.select_for_update().filter(pk=edition_pk).first()
        if edition is None or edition.status != Edition.Status.SENDING:
            return
        if not Delivery.objects.filter(edition=edition, status__in=WAITING_STATUSES).exists():
            finish(edition)


@task()
def deliver_edition_task(edition_pk):
    return deliver_batch(edition_pk)
