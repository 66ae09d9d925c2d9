"""The email provider's reports (Mailgun's documented webhook payloads through django-anymail):
signed ones suppress bounced and complaining addresses and land on the send log; unsigned or
badly signed ones are refused and change nothing."""

import hashlib
import hmac
import json
import time

import pytest
from django.urls import reverse

from articles.tests.factories import ArticleFactory
from newsletters import sending, subscriptions
from newsletters.models import Delivery, Edition, Subscription, Suppression
from newsletters.tests.factories import NewsletterFactory, reader

pytestmark = pytest.mark.django_db
SIGNING_KEY = "key-0123456789abcdef"
URL = reverse("newsletters:tracking_webhook", kwargs={"provider": "mailgun"})


@pytest.fixture
def mailgun(settings):
    settings.NEWSROOM_EMAIL_PROVIDER = "mailgun"
    settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}


@pytest.fixture
def sent(editor, smtp, worker):
    """An edition handed to the mail server for two readers."""
    daily = NewsletterFactory()
    reader("alice@example.com", daily)
    reader("bob@example.com", daily)
    edition = Edition.objects.create(newsletter=daily, subject="Monday")
    edition.placements.create(article=ArticleFactory())
    sending.send_now(edition=edition, editor=editor)
    worker()
    return edition


def signed(event_data, key=SIGNING_KEY, token="a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0"):
    timestamp = str(int(time.time()))
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": event_data,
    }


def mailgun_event(event, delivery, **extra):
    """The shape of Mailgun's documented webhook examples."""
    return {
        "event": event,
        "id": "G9Bn5sl1TC6nu79C8C0bwg",
        "timestamp": time.time(),
        "recipient": delivery.subscriber.address,
        "message": {
            "headers": {
                "to": delivery.subscriber.address,
                "message-id": delivery.message_id.strip("<>"),
                "from": "The Newsroom <briefing@news.example.org>",
                "subject": "Monday",
            }
        },
        "user-variables": {"delivery": str(delivery.pk)},
        **extra,
    }


def post(client, payload):
    return client.post(URL, data=json.dumps(payload), content_type="application/json")


def test_a_permanent_bounce_suppresses_the_address_and_counts(client, mailgun, sent):
    delivery = Delivery.objects.get(subscriber__address="alice@example.com")
    payload = signed(
        mailgun_event(
            "failed",
            delivery,
            severity="permanent",
            reason="bounce",
            **{"delivery-status": {"code": 550, "message": "No such mailbox", "description": ""}},
        )
    )
    response = post(client, payload)
    assert response.status_code == 200
    assert subscriptions.is_suppressed("alice@example.com")
    assert Suppression.objects.get().reason == Suppression.Reason.BOUNCE
    delivery.refresh_from_db()
    assert delivery.bounced_at is not None
    assert sending.send_log(sent).bounced == 1


def test_a_temporary_failure_suppresses_nothing(client, mailgun, sent):
    delivery = Delivery.objects.get(subscriber__address="alice@example.com")
    post(client, signed(mailgun_event("failed", delivery, severity="temporary", reason="generic")))
    assert not Suppression.objects.exists()


def test_a_complaint_suppresses_and_the_next_edition_skips_it(
    client, mailgun, sent, editor, smtp, worker
):
    delivery = Delivery.objects.get(subscriber__address="bob@example.com")
    assert post(client, signed(mailgun_event("complained", delivery))).status_code == 200
    assert Suppression.objects.get().reason == Suppression.Reason.COMPLAINT
    assert sending.send_log(sent).complained == 1

    following = Edition.objects.create(newsletter=sent.newsletter, subject="Tuesday")
    following.placements.create(article=ArticleFactory())
    sending.send_now(edition=following, editor=editor)
    worker()
    assert smtp.wait_for(3)
    assert [to for to in smtp.recipients()].count("bob@example.com") == 1


def test_an_unsubscribe_at_the_provider_leaves_that_newsletter(client, mailgun, sent):
    delivery = Delivery.objects.get(subscriber__address="alice@example.com")
    post(client, signed(mailgun_event("unsubscribed", delivery)))
    subscription = Subscription.objects.get(subscriber__address="alice@example.com")
    assert subscription.status == Subscription.Status.UNSUBSCRIBED
    assert subscription.unsubscribed_via == Subscription.Via.PROVIDER
    assert sending.send_log(sent).unsubscribed == 1


@pytest.mark.parametrize("key", ["not-our-key", ""])
def test_a_badly_signed_or_unsigned_report_is_refused_and_changes_nothing(
    client, mailgun, sent, key
):
    delivery = Delivery.objects.get(subscriber__address="alice@example.com")
    event = mailgun_event("complained", delivery)
    payload = signed(event, key=key) if key else {"event-data": event}
    response = post(client, payload)
    assert response.status_code == 400
    assert not Suppression.objects.exists()
    assert Delivery.objects.get(pk=delivery.pk).complained_at is None


def test_a_provider_not_in_use_has_no_webhook(client, sent, settings):
    settings.NEWSROOM_EMAIL_PROVIDER = ""
    delivery = Delivery.objects.get(subscriber__address="alice@example.com")
    assert post(client, signed(mailgun_event("complained", delivery))).status_code == 404
    assert not Suppression.objects.exists()


def test_without_a_signing_key_reports_are_not_believed(client, sent, settings):
    settings.NEWSROOM_EMAIL_PROVIDER = "mailgun"
    settings.ANYMAIL = {}
    delivery = Delivery.objects.get(subscriber__address="alice@example.com")
    assert post(client, signed(mailgun_event("complained", delivery))).status_code == 503
    assert not Suppression.objects.exists()
