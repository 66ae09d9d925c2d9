"""Readers' data for the commands: import a list, export everything held about an address,
erase it. The send log keeps its counts after an erasure, never the address."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from newsletters.addresses import address_hash, clean_address
from newsletters.models import Delivery, SignUp, Subscriber, Subscription, Suppression
from newsletters.subscriptions import find_subscriber


@dataclass
class ImportResult:
    added: int = 0
    already: int = 0
    kept_out: int = 0
    invalid: int = 0


@transaction.atomic
def import_subscribers(*, newsletter, addresses, note):
    """Confirmed readers from another list (who consented there, as ``note`` records). An
    address that left this newsletter or is suppressed is never brought back by an import."""
    result = ImportResult()
    now = timezone.now()
    for raw in addresses:
        try:
            address = clean_address(raw)
        except ValidationError:
            result.invalid += 1
            continue
        if Suppression.objects.filter(address_hash=address_hash(address)).exists():
            result.kept_out += 1
            continue
        subscriber = find_subscriber(address) or Subscriber.objects.create(
            address=address, confirmed_at=now
        )
        subscription = subscriber.subscriptions.filter(newsletter=newsletter).first()
        if subscription is not None:
            if subscription.status == Subscription.Status.SUBSCRIBED:
                result.already += 1
            else:
                result.kept_out += 1
            continue
        Subscription.objects.create(
            subscriber=subscriber,
            newsletter=newsletter,
            status=Subscription.Status.SUBSCRIBED,
            subscribed_via=Subscription.Via.IMPORT,
            subscribed_at=now,
        )
        record = SignUp.objects.create(
            subscriber=subscriber,
            newsletter_names=newsletter.name,
            consent_text=f"Imported: {note}",
            page="import",
            confirmed_at=now,
        )
        record.newsletters.set([newsletter])
        result.added += 1
    return result


def export_subscriber(address):
    """Everything held about ``address``, as plain data (JSON-ready)."""
    subscriber = find_subscriber(address)
    suppression = Suppression.objects.filter(address_hash=address_hash(address)).first()
    data = {"address": address, "subscriber": None, "suppression": None}
    if suppression is not None:
        data["suppression"] = {
            "reason": suppression.get_reason_display(),
            "detail": suppression.detail,
            "since": suppression.created_at.isoformat(),
        }
    if subscriber is None:
        return data
    data["subscriber"] = {
        "address": subscriber.address,
        "created_at": subscriber.created_at.isoformat(),
        "confirmed_at": iso(subscriber.confirmed_at),
        "subscriptions": [
            {
                "newsletter": s.newsletter.name,
                "status": s.status,
                "subscribed_at": iso(s.subscribed_at),
                "subscribed_via": s.get_subscribed_via_display(),
                "unsubscribed_at": iso(s.unsubscribed_at),
                "unsubscribed_via": s.get_unsubscribed_via_display() if s.unsubscribed_via else "",
            }
            for s in subscriber.subscriptions.select_related("newsletter")
        ],
        "consent": [
            {
                "asked_at": r.created_at.isoformat(),
                "newsletters": r.newsletter_names,
                "text_shown": r.consent_text,
                "page": r.page,
                "confirmed_at": iso(r.confirmed_at),
            }
            for r in subscriber.sign_ups.order_by("created_at")
        ],
        "emails": [
            {
                "newsletter": d.edition.newsletter.name,
                "subject": d.edition.subject,
                "status": d.get_status_display(),
                "sent_at": iso(d.sent_at),
                "bounced_at": iso(d.bounced_at),
                "complained_at": iso(d.complained_at),
                "unsubscribed_at": iso(d.unsubscribed_at),
            }
            for d in subscriber.deliveries.select_related("edition__newsletter").order_by("id")
        ],
    }
    return data


def iso(moment):
    return moment.isoformat() if moment else None


@transaction.atomic
def erase_subscriber(address):
    """Forget ``address``: its subscriptions, consent records and which emails it got. The
    editions' counts stay (their rows lose the address), and a hash is kept so that no import
    mails it again; the reader's own new sign-up would lift it."""
    subscriber = find_subscriber(address)
    deliveries = 0
    if subscriber is not None:
        deliveries = Delivery.objects.filter(subscriber=subscriber).update(subscriber=None)
        subscriber.delete()
    Suppression.objects.update_or_create(
        address_hash=address_hash(address),
        defaults={"reason": Suppression.Reason.ERASED, "detail": "Erased at the reader's request"},
    )
    return subscriber is not None, deliveries
