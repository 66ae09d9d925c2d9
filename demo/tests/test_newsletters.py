import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from demo.newsletters import add_demo_newsletters
from newsletters import sending
from newsletters.models import Delivery, Edition, Newsletter, SignUp, Subscription

pytestmark = pytest.mark.django_db


def load_demo():
    call_command("load_demo", "--articles", "5", "--no-logins", stdout=io.StringIO())


def test_the_demo_has_two_newsletters_readers_and_one_sent_edition_and_sends_nothing(client):
    load_demo()
    daily = Newsletter.objects.get(slug="the-daily-briefing")
    assert Newsletter.objects.get(slug="breaking-news").kind == Newsletter.Kind.ALERTS
    readers = Subscription.objects.filter(newsletter=daily, status="subscribed").count()
    assert readers >= 5
    assert SignUp.objects.filter(confirmed_at__isnull=False).count() >= readers
    edition = Edition.objects.get(status=Edition.Status.SENT)
    log = sending.send_log(edition)
    assert log.recipients == log.sent == readers == edition.recipient_count and log.adds_up
    assert not mail.outbox

    archive = client.get(reverse("newsletters:archive", args=["the-daily-briefing"]))
    assert edition.subject in archive.content.decode()
    page = client.get(edition.get_absolute_url())
    assert page.status_code == 200 and "Good morning." in page.content.decode()

    # Loading again (this app's part of it) doubles nothing.
    seed = edition.ordered_stories()[0]
    add_demo_newsletters(seed_article=seed, stories=[seed], users={})
    assert Edition.objects.count() == 1
    assert Delivery.objects.count() == readers
    assert Subscription.objects.filter(newsletter=daily, status="subscribed").count() == readers
