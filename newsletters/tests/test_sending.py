"""Editions go out through a real SMTP server: each reader gets one message with both parts,
absolute links and the one-click unsubscribe headers; posting to that header's URL
unsubscribes, and nothing more arrives. Failures are retried or suppress the address, and the
send log's counts add up."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from articles.publishing import publish_article
from articles.tests.factories import ArticleFactory, draft
from frontpage.models import FrontSlot
from media.tests.factories import ImageFactory
from newsletters import sending, subscriptions
from newsletters.emails import GMAIL_CLIPS_AT
from newsletters.models import Delivery, Edition, EditionStory, Subscription, Suppression
from newsletters.tests.factories import NewsletterFactory, reader
from newsletters.tests.mailbox import parts

pytestmark = pytest.mark.django_db
ORIGIN = "https://news.example.org"


@pytest.fixture
def daily(db):
    return NewsletterFactory(name="The Daily Briefing", slug="the-daily-briefing")


def edition_with(newsletter, *stories, subject="Today's briefing", intro="Good morning."):
    edition = Edition.objects.create(newsletter=newsletter, subject=subject, intro=intro)
    for position, story in enumerate(stories):
        EditionStory.objects.create(edition=edition, article=story, position=position)
    return edition


def unsubscribe_url(message):
    header = str(message["List-Unsubscribe"]).strip()  # long headers are folded
    assert header.startswith("<https://") and header.endswith(">")
    return header[1:-1]


def test_an_edition_reaches_every_reader_once_and_one_click_unsubscribes(
    daily, editor, smtp, worker
):
    lead = ArticleFactory(
        headline="Russia leans on its allies", lead_image=ImageFactory(alt_text="A port crane")
    )
    second = ArticleFactory(headline="Rescuers work through the night")
    addresses = [f"reader{number}@example.org" for number in range(5)]
    for address in addresses:
        reader(address, daily)
    reader("left@example.org", daily, status=Subscription.Status.UNSUBSCRIBED)
    edition = edition_with(daily, lead, second)

    sending.send_now(edition=edition, editor=editor)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.QUEUED
    assert not smtp.messages  # the request only queues it
    worker()

    assert smtp.wait_for(5)
    assert sorted(smtp.recipients()) == addresses
    message = smtp.to("reader0@example.org")[0]
    text, html = parts(message)
    assert message["Subject"] == "Today's briefing"
    assert message["From"] == "The Newsroom <briefing@news.example.org>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Russia leans on its allies" in text and lead.get_absolute_url() in text
    assert '<html lang="en">' in html
    assert 'style="' in html  # CSS inlined
    assert "@media (prefers-color-scheme: dark)" in html
    assert 'alt="A port crane"' in html
    hrefs = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert hrefs and all(url.startswith(ORIGIN) for url in hrefs), hrefs
    assert len(message.as_bytes()) < GMAIL_CLIPS_AT
    assert "<h1" in html and "<h2" in html

    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    log = sending.send_log(edition)
    assert (log.recipients, log.sent, log.failed, log.waiting) == (5, 5, 0, 0)
    assert log.adds_up

    # The mail program's one-click unsubscribe: a POST with no cookie and no CSRF token.
    url = urlsplit(unsubscribe_url(message))
    one_click = Client(enforce_csrf_checks=True).post(
        url.path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    assert "You are unsubscribed" in one_click.content.decode()
    subscription = Subscription.objects.get(subscriber__address="reader0@example.org")
    assert subscription.status == Subscription.Status.UNSUBSCRIBED
    assert subscription.unsubscribed_via == Subscription.Via.ONE_CLICK
    assert subscription.unsubscribed_through == edition
    assert sending.send_log(edition).unsubscribed == 1

    next_edition = edition_with(daily, ArticleFactory(), subject="Tomorrow")
    sending.send_now(edition=next_edition, editor=editor)
    worker()
    assert smtp.wait_for(9)
    assert len(smtp.to("reader0@example.org")) == 1
    assert len(smtp.messages) == 9


def test_the_send_request_does_no_work_proportional_to_the_list(
    daily, editor, django_assert_max_num_queries
):
    for number in range(30):
        reader(f"r{number}@example.org", daily)
    edition = edition_with(daily, ArticleFactory())
    with django_assert_max_num_queries(12):
        sending.send_now(edition=edition, editor=editor)
    assert not Delivery.objects.exists()


def test_unsubscribed_and_suppressed_readers_are_never_mailed_whatever_is_imported(
    daily, editor, smtp, worker
):
    reader("stays@example.org", daily)
    reader("left@example.org", daily, status=Subscription.Status.UNSUBSCRIBED)
    subscriptions.suppress(address="Bounced@Example.org", reason=Suppression.Reason.BOUNCE)
    reader("bounced@example.org", daily)
    from newsletters.readers_data import import_subscribers

    result = import_subscribers(
        newsletter=daily,
        addresses=["left@example.org", "bounced@example.org", "new@example.org"],
        note="Moved from our old provider",
    )
    assert (result.added, result.kept_out) == (1, 2)

    sending.send_now(edition=edition_with(daily, ArticleFactory()), editor=editor)
    worker()
    assert smtp.wait_for(2)
    assert sorted(smtp.recipients()) == ["new@example.org", "stays@example.org"]


def test_a_reader_who_leaves_during_a_send_is_left_out(daily, editor, smtp, worker):
    staying, leaving = reader("a@example.org", daily), reader("b@example.org", daily)
    edition = edition_with(daily, ArticleFactory())
    sending.send_now(edition=edition, editor=editor)
    sending.start_edition(edition.pk)  # the rows are written
    subscriptions.choose_newsletters(subscriber=leaving, chosen=[])
    worker()
    assert smtp.wait_for(1)
    assert smtp.recipients() == [staying.address]
    log = sending.send_log(edition)
    assert (log.recipients, log.sent, log.skipped) == (2, 1, 1) and log.adds_up


def test_temporary_failures_are_retried_with_backoff_and_permanent_ones_suppress(
    daily, editor, smtp, worker, settings
):
    settings.NEWSROOM_NEWSLETTER_RETRY_MINUTES = [1, 5]
    reader("fine@example.org", daily)
    reader("busy@example.org", daily)
    reader("gone@example.org", daily)
    smtp.refused["busy@example.org"] = "451 4.3.0 Mailbox busy, try later"
    smtp.refused["gone@example.org"] = "550 5.1.1 No such user"
    edition = edition_with(daily, ArticleFactory())
    sending.send_now(edition=edition, editor=editor)
    worker()

    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENDING  # one is still to be tried again
    busy = Delivery.objects.get(subscriber__address="busy@example.org")
    assert busy.status == Delivery.Status.DEFERRED and "451" in busy.error
    gone = Delivery.objects.get(subscriber__address="gone@example.org")
    assert gone.status == Delivery.Status.FAILED and "550" in gone.error
    assert subscriptions.is_suppressed("gone@example.org")

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=30)):
        worker()  # not due yet
    assert Delivery.objects.get(pk=busy.pk).attempts == 1
    smtp.refused.pop("busy@example.org")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        worker()
    assert smtp.wait_for(2)
    assert sorted(smtp.recipients()) == ["busy@example.org", "fine@example.org"]
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    log = sending.send_log(edition)
    assert (log.recipients, log.sent, log.failed, log.waiting) == (3, 2, 1, 0) and log.adds_up


def test_a_message_still_refused_after_every_retry_fails(daily, editor, smtp, worker, settings):
    settings.NEWSROOM_NEWSLETTER_RETRY_MINUTES = [1]
    reader("busy@example.org", daily)
    smtp.refused["busy@example.org"] = "451 4.3.0 Mailbox busy, try later"
    edition = edition_with(daily, ArticleFactory())
    sending.send_now(edition=edition, editor=editor)
    worker()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        worker()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == 2
    assert not subscriptions.is_suppressed("busy@example.org")  # the server, not the address
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert sending.send_log(edition).failed == 1


def test_a_journalist_cannot_send(daily, journalist):
    edition = edition_with(daily, ArticleFactory())
    with pytest.raises(PermissionDenied):
        sending.send_now(edition=edition, editor=journalist)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT


def test_an_edition_with_an_unpublished_story_is_refused(daily, editor):
    edition = edition_with(daily, ArticleFactory(), draft(headline="Not ready yet"))
    with pytest.raises(ValidationError, match="“Not ready yet” is not published now"):
        sending.send_now(edition=edition, editor=editor)
    assert Edition.objects.get().status == Edition.Status.DRAFT


def test_without_mail_set_up_nothing_is_queued(daily, editor, settings):
    settings.NEWSROOM_MAIL_CONFIGURED = False
    edition = edition_with(daily, ArticleFactory())
    with pytest.raises(ValidationError, match="EMAIL_URL"):
        sending.send_now(edition=edition, editor=editor)
    assert Edition.objects.get().status == Edition.Status.DRAFT


def test_without_an_https_origin_nothing_is_sent_in_production(daily, editor, settings):
    settings.SITE_URL = ""
    edition = edition_with(daily, ArticleFactory())
    with pytest.raises(ValidationError, match="NEWSROOM_SITE_URL"):
        sending.send_now(edition=edition, editor=editor)


def test_a_scheduled_edition_goes_at_its_time_and_not_before(daily, editor, smtp, worker):
    reader("reader@example.org", daily)
    edition = edition_with(daily, ArticleFactory())
    at = timezone.now() + datetime.timedelta(hours=2)
    sending.schedule(edition=edition, editor=editor, at=at)
    worker()
    assert not smtp.messages
    with time_machine.travel(at + datetime.timedelta(seconds=1)):
        worker()
    assert smtp.wait_for(1)
    assert Edition.objects.get().status == Edition.Status.SENT


def test_a_scheduled_edition_taken_back_is_not_sent(daily, editor, smtp, worker):
    reader("reader@example.org", daily)
    edition = edition_with(daily, ArticleFactory())
    at = timezone.now() + datetime.timedelta(hours=1)
    sending.schedule(edition=edition, editor=editor, at=at)
    sending.unschedule(edition=edition, editor=editor)
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        worker()
    assert not smtp.messages
    assert Edition.objects.get().status == Edition.Status.DRAFT


def test_the_digest_starts_from_the_front_page_then_the_newest(daily, editor):
    older = ArticleFactory(
        headline="Placed lead", published_at=timezone.now() - datetime.timedelta(days=3)
    )
    FrontSlot.objects.create(position=FrontSlot.Position.LEAD, article=older)
    newest = ArticleFactory(headline="Just in", published_at=timezone.now())
    ArticleFactory(
        headline="Earlier today", published_at=timezone.now() - datetime.timedelta(hours=2)
    )
    draft(headline="Not out")
    edition = sending.compose_digest(newsletter=daily, editor=editor)
    headlines = [story.headline for story in edition.ordered_stories()]
    assert headlines == ["Placed lead", "Just in", "Earlier today"]
    assert newest in edition.ordered_stories()


def test_a_newsletter_in_an_editions_language_carries_that_editions_front_and_stories(editor):
    ukrainian = NewsletterFactory(name="Ранковий огляд", slug="ranok", language="uk")
    english_lead = ArticleFactory(headline="Placed lead")
    FrontSlot.objects.create(position=FrontSlot.Position.LEAD, article=english_lead)
    ukrainian_lead = ArticleFactory(
        headline="Головне", language="uk", published_at=timezone.now() - datetime.timedelta(hours=3)
    )
    FrontSlot.objects.create(
        language="uk", position=FrontSlot.Position.LEAD, article=ukrainian_lead
    )
    ArticleFactory(headline="Щойно", language="uk", published_at=timezone.now())
    ArticleFactory(headline="Just in", published_at=timezone.now())

    edition = sending.compose_digest(newsletter=ukrainian, editor=editor)

    assert [story.headline for story in edition.ordered_stories()] == ["Головне", "Щойно"]


def test_a_story_unpublished_after_sending_leaves_later_emails(daily, editor, smtp, worker):
    from articles.publishing import unpublish_article

    reader("reader@example.org", daily)
    kept, pulled = ArticleFactory(headline="Kept story"), ArticleFactory(headline="Pulled story")
    edition = edition_with(daily, kept, pulled)
    sending.send_now(edition=edition, editor=editor)
    unpublish_article(article=pulled, editor=editor)
    worker()
    assert smtp.wait_for(1)
    text, html = parts(smtp.messages[0][1])
    assert "Kept story" in text and "Pulled story" not in text + html


def test_a_test_copy_goes_to_the_editor_only(daily, editor, smtp):
    editor.email = "editor@news.example.org"
    editor.save()
    reader("reader@example.org", daily)
    edition = edition_with(daily, ArticleFactory())
    assert sending.send_test(edition=edition, editor=editor) == "editor@news.example.org"
    assert smtp.wait_for(1)
    assert smtp.recipients() == ["editor@news.example.org"]
    assert smtp.messages[0][1]["Subject"] == "[Test] Today's briefing"
    assert not Delivery.objects.exists()


def test_publishing_into_an_edition_is_not_needed_for_scheduled_stories(daily, editor):
    story = draft()
    at = timezone.now() + datetime.timedelta(hours=3)
    publish_article(article=story, editor=editor, at=at - datetime.timedelta(hours=1))
    edition = edition_with(daily, story)
    # Scheduled for after the story goes live: accepted.
    sending.schedule(edition=edition, editor=editor, at=at)
    assert Edition.objects.get().status == Edition.Status.SCHEDULED
