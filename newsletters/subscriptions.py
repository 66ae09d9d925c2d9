"""Readers' side of the newsletters: signing up, confirming, choosing, leaving, and the
addresses nothing is sent to. Every caller (the forms, the one-click POST, the webhooks, the
commands) goes through these functions, so the rules hold for all of them:

- a sign-up is double opt-in: nothing is sent to a newsletter's readers until the owner of the
  address presses Confirm on the page an email links to; unconfirmed sign-ups lapse in a week;
- the answer to a sign-up never says whether the address was known;
- an unsubscribed or suppressed address is never mailed by that newsletter again, whatever is
  imported later; only the reader's own confirmed sign-up (or their preferences page) brings it
  back.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from newsletters import tokens
from newsletters.addresses import address_hash, address_key, clean_address
from newsletters.models import (
    Delivery,
    Edition,
    Newsletter,
    SignUp,
    Subscriber,
    Subscription,
    Suppression,
)
from newsletters.queue import enqueue
from newsletters.reader_mail import send_sign_up_email_task
from website.editions import current_edition

# Shown under every sign-up form and kept, word for word, with each sign-up (beside the names of
# the newsletters ticked), so the record says exactly what the reader agreed to, in the language
# the reader read it in.
CONSENT_TEXT = gettext_lazy(
    "Send me the newsletters I ticked by email. I can unsubscribe at any time with the link in "
    "every email. {site} does not track whether emails are opened or links followed."
)


def offered_newsletters(language=None):
    """What readers of ``language``'s edition (the page's) may sign up for: the newsletters
    written in its language, a newsletter without one being in the default edition's."""
    language = language or current_edition()
    in_language = Q(language=language)
    if language == settings.LANGUAGE_CODE:
        in_language |= Q(language="")
    return Newsletter.objects.filter(in_language, is_offered=True)


def consent_text():
    return str(CONSENT_TEXT).format(site=settings.SITE_NAME)


def find_subscriber(address):
    return Subscriber.objects.filter(address_key=address_key(address)).first()


def _subscriber_for(address):
    """The subscriber for ``address``, created if new, its row locked for this transaction."""
    key = address_key(address)
    subscriber = Subscriber.objects.select_for_update().filter(address_key=key).first()
    if subscriber is not None:
        return subscriber
    try:
        with transaction.atomic():
            return Subscriber.objects.create(address=address)
    except IntegrityError:
        # The same address signed up at the same moment elsewhere.
        return Subscriber.objects.select_for_update().get(address_key=key)


@transaction.atomic
def sign_up(*, address, newsletters, page=""):
    """Ask the owner of ``address`` to confirm; returns nothing a reader could learn from.

    Raises ValidationError for an address that cannot be one. Past the day's allowance of
    emails to one address nothing more is sent, silently, so the form cannot be used to flood
    someone's inbox, nor to learn that it was tried before.
    """
    address = clean_address(address)
    newsletters = list(newsletters)
    subscriber = _subscriber_for(address)
    since = timezone.now() - datetime.timedelta(days=1)
    if subscriber.sign_ups.filter(created_at__gte=since).count() >= (
        settings.NEWSROOM_NEWSLETTER_EMAILS_PER_ADDRESS
    ):
        return None
    request = SignUp.objects.create(
        subscriber=subscriber,
        newsletter_names=", ".join(newsletter.name for newsletter in newsletters),
        consent_text=consent_text(),
        page=page[:300],
    )
    request.newsletters.set(newsletters)
    enqueue(send_sign_up_email_task, request.pk)
    enqueue(lapse_sign_up_task, request.pk, run_after=request.created_at + tokens.SIGN_UP_LIFETIME)
    return request


@dataclass
class Confirmation:
    subscriber: Subscriber
    newsletters: list = field(default_factory=list)
    already_confirmed: bool = False


def find_sign_up(token):
    """The unconfirmed or confirmed sign-up a link names; BadLink if none (or lapsed)."""
    pk, nonce = tokens.read_confirmation_token(token)
    request = SignUp.objects.select_related("subscriber").filter(pk=pk, nonce=nonce).first()
    if request is None or request.created_at < timezone.now() - tokens.SIGN_UP_LIFETIME:
        raise tokens.ExpiredLink
    return request


@transaction.atomic
def confirm_sign_up(*, token):
    """The reader pressed Confirm: subscribe them to what they asked for, once.

    A link used before changes nothing, even if the reader has unsubscribed since: a replayed
    link must not undo their choice.
    """
    found = find_sign_up(token)
    request = SignUp.objects.select_for_update().get(pk=found.pk)
    subscriber = Subscriber.objects.select_for_update().get(pk=request.subscriber_id)
    newsletters = list(request.newsletters.all())
    if request.confirmed_at is not None:
        return Confirmation(subscriber, newsletters, already_confirmed=True)
    now = timezone.now()
    for newsletter in newsletters:
        _subscribe(subscriber, newsletter, Subscription.Via.SIGN_UP, now)
    # The owner of the address asked for mail: an earlier bounce or complaint no longer speaks
    # for them.
    Suppression.objects.filter(address_hash=subscriber.address_hash).delete()
    request.confirmed_at = now
    request.save(update_fields=["confirmed_at"])
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
    return Confirmation(subscriber, newsletters)


def _subscribe(subscriber, newsletter, via, now):
    subscription = (
        Subscription.objects.select_for_update()
        .filter(subscriber=subscriber, newsletter=newsletter)
        .first()
    )
    if subscription is None:
        return Subscription.objects.create(
            subscriber=subscriber,
            newsletter=newsletter,
            status=Subscription.Status.SUBSCRIBED,
            subscribed_via=via,
            subscribed_at=now,
        )
    if subscription.status != Subscription.Status.SUBSCRIBED:
        subscription.status = Subscription.Status.SUBSCRIBED
        subscription.subscribed_via = via
        subscription.subscribed_at = now
        subscription.unsubscribed_at = None
        subscription.unsubscribed_via = ""
        subscription.unsubscribed_through = None
        subscription.save()
    return subscription


def _unsubscribe(subscription, via, now, edition=None):
    if subscription.status != Subscription.Status.SUBSCRIBED:
        return False
    subscription.status = Subscription.Status.UNSUBSCRIBED
    subscription.unsubscribed_at = now
    subscription.unsubscribed_via = via
    subscription.unsubscribed_through = edition
    subscription.save()
    if edition is not None:
        Delivery.objects.filter(
            edition=edition, subscriber_id=subscription.subscriber_id, unsubscribed_at=None
        ).update(unsubscribed_at=now)
    return True


def subscriber_from_manage_token(token):
    pk, link_key = tokens.read_manage_token(token)
    subscriber = Subscriber.objects.filter(pk=pk, link_key=link_key).first()
    if subscriber is None:
        raise tokens.BadLink
    return subscriber


@dataclass
class Unsubscription:
    subscriber: Subscriber
    newsletter: Newsletter
    edition: Edition | None
    changed: bool = False


def read_unsubscribe_link(token):
    subscriber_pk, link_key, newsletter_pk, edition_pk = tokens.read_unsubscribe_token(token)
    subscriber = Subscriber.objects.filter(pk=subscriber_pk, link_key=link_key).first()
    newsletter = Newsletter.objects.filter(pk=newsletter_pk).first()
    if subscriber is None or newsletter is None:
        raise tokens.BadLink
    edition = Edition.objects.filter(pk=edition_pk, newsletter=newsletter).first()
    return Unsubscription(subscriber, newsletter, edition)


@transaction.atomic
def unsubscribe(*, token, via):
    """Leave the newsletter the link was for; again and again changes nothing more."""
    found = read_unsubscribe_link(token)
    subscription = (
        Subscription.objects.select_for_update()
        .filter(subscriber=found.subscriber, newsletter=found.newsletter)
        .first()
    )
    if subscription is not None:
        found.changed = _unsubscribe(subscription, via, timezone.now(), found.edition)
    return found


@transaction.atomic
def choose_newsletters(*, subscriber, chosen, via=Subscription.Via.PREFERENCES):
    """The preferences page: subscribed to ``chosen`` and nothing else. The signed link proves
    the reader holds the mailbox, so a newsletter ticked here needs no second confirmation."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    now = timezone.now()
    chosen = {newsletter.pk: newsletter for newsletter in chosen}
    for subscription in Subscription.objects.select_for_update().filter(subscriber=subscriber):
        if subscription.newsletter_id not in chosen:
            _unsubscribe(subscription, via, now)
    for newsletter in chosen.values():
        _subscribe(subscriber, newsletter, via, now)
    if chosen:
        Suppression.objects.filter(address_hash=subscriber.address_hash).delete()
    return subscriber


def subscribed_newsletters(subscriber):
    return Newsletter.objects.filter(
        subscriptions__subscriber=subscriber,
        subscriptions__status=Subscription.Status.SUBSCRIBED,
    )


@transaction.atomic
def lapse_sign_up(sign_up_pk):
    """A week without confirmation: forget the request, and the address if nothing else holds
    it."""
    request = SignUp.objects.select_for_update().filter(pk=sign_up_pk).first()
    if request is None or request.confirmed_at is not None:
        return False
    subscriber = request.subscriber
    request.delete()
    keeps_address = (
        subscriber.subscriptions.exists()
        or subscriber.sign_ups.exists()
        or subscriber.deliveries.exists()
    )
    if not keeps_address:
        subscriber.delete()
    return True


def is_suppressed(address):
    return Suppression.objects.filter(address_hash=address_hash(address)).exists()


def suppress(*, address=None, hash_=None, reason, detail=""):
    """Never send anything to this address again (until its owner confirms a new sign-up)."""
    digest = hash_ or address_hash(address)
    suppression, _ = Suppression.objects.get_or_create(
        address_hash=digest, defaults={"reason": reason, "detail": detail[:300]}
    )
    return suppression


@transaction.atomic
def unsubscribe_through(*, subscriber, edition, via):
    """The reader left through an edition (the provider's unsubscribe, say): that newsletter."""
    subscription = (
        Subscription.objects.select_for_update()
        .filter(subscriber=subscriber, newsletter_id=edition.newsletter_id)
        .first()
    )
    return subscription is not None and _unsubscribe(subscription, via, timezone.now(), edition)


@task()
def lapse_sign_up_task(sign_up_pk):
    return lapse_sign_up(sign_up_pk)
