"""The commands: the morning digest for cron, and readers' data (import, export, erasure)."""

import json

import pytest
from django.core.management import CommandError, call_command

from articles.tests.factories import ArticleFactory
from newsletters import sending
from newsletters.models import Delivery, Edition, SignUp, Subscriber, Subscription, Suppression
from newsletters.readers_data import import_subscribers
from newsletters.tests.factories import NewsletterFactory, alerts_newsletter, reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def daily(db):
    return NewsletterFactory(name="The Daily Briefing", slug="the-daily-briefing")


def test_send_newsletter_sends_the_digest_then_says_there_is_nothing_new(
    daily, smtp, worker, capsys
):
    reader("reader@example.org", daily)
    ArticleFactory(headline="Morning story")
    call_command("send_newsletter", "the-daily-briefing")
    assert "Queued" in capsys.readouterr().out
    worker()
    assert smtp.wait_for(1)
    assert "Morning story" in smtp.messages[0][1].get_body(("plain",)).get_content()
    assert Edition.objects.get().status == Edition.Status.SENT

    with pytest.raises(CommandError, match="Nothing new since the last edition"):
        call_command("send_newsletter", "the-daily-briefing")
    assert Edition.objects.count() == 1


def test_send_newsletter_says_why_not(daily, settings):
    with pytest.raises(CommandError, match="No newsletter 'nope'"):
        call_command("send_newsletter", "nope")
    alerts_newsletter()
    with pytest.raises(CommandError, match="breaking alerts"):
        call_command("send_newsletter", "breaking-news")
    settings.NEWSROOM_MAIL_CONFIGURED = False
    ArticleFactory()
    with pytest.raises(CommandError, match="EMAIL_URL"):
        call_command("send_newsletter", "the-daily-briefing")
    assert not Edition.objects.exists()


def test_send_newsletter_never_starts_a_second_send_over_a_running_one(daily):
    ArticleFactory()
    call_command("send_newsletter", "the-daily-briefing")
    ArticleFactory()
    with pytest.raises(CommandError, match="still being sent"):
        call_command("send_newsletter", "the-daily-briefing")
    assert Edition.objects.count() == 1


def test_import_keeps_out_who_left_and_records_consent(daily, tmp_path, capsys):
    reader("left@example.org", daily, status=Subscription.Status.UNSUBSCRIBED)
    listing = tmp_path / "list.csv"
    listing.write_text("email,name\nnew@example.org,New\nleft@example.org,Left\nnot-an-address\n")
    call_command("import_subscribers", "the-daily-briefing", str(listing), consent="Old list")
    assert "1 added, 0 already subscribed, 1 kept out" in capsys.readouterr().out
    new = Subscriber.objects.get(address="new@example.org")
    assert new.subscriptions.get().subscribed_via == Subscription.Via.IMPORT
    assert new.sign_ups.get().consent_text == "Imported: Old list"
    left = Subscriber.objects.get(address="left@example.org").subscriptions.get()
    assert left.status == Subscription.Status.UNSUBSCRIBED


def test_export_prints_everything_held_about_an_address(daily, editor, smtp, worker, capsys):
    subscriber = reader("Reader@Example.org", daily)
    SignUp.objects.create(
        subscriber=subscriber, newsletter_names=daily.name, consent_text="Send me the briefing."
    )
    edition = Edition.objects.create(newsletter=daily, subject="Monday")
    edition.placements.create(article=ArticleFactory())
    sending.send_now(edition=edition, editor=editor)
    worker()
    call_command("export_subscriber", "reader@example.org")
    data = json.loads(capsys.readouterr().out)
    held = data["subscriber"]
    assert held["address"] == "Reader@Example.org"
    assert held["subscriptions"][0]["newsletter"] == "The Daily Briefing"
    assert held["consent"][0]["text_shown"] == "Send me the briefing."
    assert held["emails"][0]["subject"] == "Monday"


def test_erase_forgets_the_address_but_keeps_the_counts_and_stops_imports(
    daily, editor, smtp, worker, capsys
):
    reader("reader@example.org", daily)
    reader("other@example.org", daily)
    edition = Edition.objects.create(newsletter=daily, subject="Monday")
    edition.placements.create(article=ArticleFactory())
    sending.send_now(edition=edition, editor=editor)
    worker()

    call_command("erase_subscriber", "READER@example.org")
    assert "Erased READER@example.org" in capsys.readouterr().out
    assert not Subscriber.objects.filter(address_key="reader@example.org").exists()
    assert Delivery.objects.filter(edition=edition).count() == 2
    log = sending.send_log(edition)
    assert (log.recipients, log.sent) == (2, 2)
    stored = " ".join(
        str(value)
        for model in (Delivery, Suppression, SignUp, Subscription)
        for row in model.objects.values()
        for value in row.values()
    )
    assert "reader@example.org" not in stored.lower()

    result = import_subscribers(newsletter=daily, addresses=["reader@example.org"], note="x")
    assert (result.added, result.kept_out) == (0, 1)


def test_commands_refuse_a_malformed_address(daily):
    for command in ("export_subscriber", "erase_subscriber"):
        with pytest.raises(CommandError, match="Enter an email address"):
            call_command(command, "not an address")
