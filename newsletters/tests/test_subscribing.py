"""Readers subscribe with double opt-in, through a real SMTP server: only the Confirm button's
POST subscribes, every answer is the same whoever the address belongs to, and bad input gets a
clear answer that changes nothing."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from newsletters import tokens
from newsletters.models import SignUp, Subscriber, Subscription
from newsletters.tests.factories import NewsletterFactory, alerts_newsletter, reader
from newsletters.tests.mailbox import parts

pytestmark = pytest.mark.django_db
SUBSCRIBE = reverse("newsletters:subscribe")
LINK = re.compile(r"https://news\.example\.org/newsletters/(?:confirm|manage)/[^\s\"<]+/")


@pytest.fixture
def daily(db):
    return NewsletterFactory(name="The Daily Briefing", slug="the-daily-briefing")


def sign_up(client, address, *newsletters, **extra):
    data = {"email": address, "newsletters": [n.pk for n in newsletters], "page": "/news/x/"}
    return client.post(SUBSCRIBE, data, **extra)


def link_in(message):
    text, _ = parts(message)
    return LINK.search(text).group(0).removeprefix("https://news.example.org")


def test_signing_up_sends_a_confirmation_and_only_the_confirm_button_subscribes(
    client, daily, smtp, worker
):
    response = sign_up(client, "reader@example.org", daily)
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert not Subscription.objects.exists()

    worker()
    assert smtp.wait_for(1)
    [message] = smtp.to("reader@example.org")
    text, html = parts(message)
    assert message["Subject"] == "Confirm your subscription to The Daily Briefing"
    assert "press Confirm" in text and "Confirm your subscription" in html
    confirm_path = link_in(message)

    # A mail scanner following the link changes nothing.
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert '<button class="button" type="submit">Confirm</button>' in page.content.decode()
    assert client.head(confirm_path).status_code == 200
    assert not Subscription.objects.exists()

    confirmed = client.post(confirm_path)
    assert confirmed.status_code == 200
    assert "You are subscribed" in confirmed.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.SUBSCRIBED
    assert subscription.newsletter == daily
    consent = SignUp.objects.get()
    assert consent.confirmed_at is not None
    assert consent.newsletter_names == "The Daily Briefing"
    # The words under the form, as the reader saw them.
    assert consent.consent_text in client.get(reverse("newsletters:index")).content.decode()
    assert consent.page == "/news/x/"


def test_a_replayed_confirmation_does_not_undo_an_unsubscribe(client, daily, smtp, worker):
    sign_up(client, "reader@example.org", daily)
    worker()
    confirm_path = link_in(smtp.to("reader@example.org")[0])
    client.post(confirm_path)
    subscription = Subscription.objects.get()
    subscription.status = Subscription.Status.UNSUBSCRIBED
    subscription.save()

    replay = client.post(confirm_path)

    assert replay.status_code == 400
    assert "already used" in replay.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.UNSUBSCRIBED


def test_the_answer_is_the_same_whether_or_not_the_address_is_known(client, daily, smtp, worker):
    reader("known@example.org", daily)
    known = sign_up(client, "known@example.org", daily).content.decode()
    unknown = sign_up(client, "unknown@example.org", daily).content.decode()
    assert known.replace("known@", "X@") == unknown.replace("unknown@", "X@")

    worker()
    assert smtp.wait_for(2)
    # Only the mailbox's owner learns which it was.
    assert smtp.to("known@example.org")[0]["Subject"] == "You already receive The Daily Briefing"
    assert smtp.to("unknown@example.org")[0]["Subject"].startswith("Confirm")


@pytest.mark.parametrize(
    "address",
    ["not an address", "reader@", "@example.org", "reader@example.org\nBcc: all@example.org", ""],
)
def test_a_malformed_address_gets_a_field_error_and_changes_nothing(client, daily, address):
    response = sign_up(client, address, daily)
    assert response.status_code == 400
    expected = "Enter an email address such as" if address else "Enter your email address."
    assert expected in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not SignUp.objects.exists()


def test_choosing_no_newsletter_gets_a_field_error(client, daily):
    response = sign_up(client, "reader@example.org")
    assert response.status_code == 400
    assert "Choose at least one newsletter." in response.content.decode()
    assert not SignUp.objects.exists()


def test_an_internationalised_domain_is_accepted_and_mailed_in_its_ascii_form(
    client, daily, smtp, worker
):
    assert sign_up(client, "leser@bücher.example", daily).status_code == 200
    worker()
    assert smtp.wait_for(1)
    assert smtp.recipients() == ["leser@xn--bcher-kva.example"]
    # Both spellings are one reader.
    sign_up(client, "Leser@XN--BCHER-KVA.example", daily)
    assert Subscriber.objects.count() == 1


def test_a_flood_from_one_client_is_answered_429_and_changes_nothing(client, daily, settings):
    settings.NEWSROOM_NEWSLETTER_SIGNUPS_PER_CLIENT = 3
    for number in range(3):
        assert sign_up(client, f"r{number}@example.org", daily).status_code == 200
    refused = sign_up(client, "r3@example.org", daily)
    assert refused.status_code == 429
    assert "Too many sign-ups" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert not Subscriber.objects.filter(address="r3@example.org").exists()
    # A forged X-Forwarded-For is not believed without proxies of ours in front.
    forged = sign_up(client, "r4@example.org", daily, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert forged.status_code == 429


def test_behind_our_proxy_each_reader_is_counted_by_the_address_it_saw(client, daily, settings):
    settings.NEWSROOM_NEWSLETTER_SIGNUPS_PER_CLIENT = 1
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 1
    first = sign_up(client, "a@example.org", daily, HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = sign_up(client, "b@example.org", daily, HTTP_X_FORWARDED_FOR="198.51.100.2")
    again = sign_up(client, "c@example.org", daily, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert [first.status_code, second.status_code, again.status_code] == [200, 200, 429]


def test_one_address_gets_a_few_emails_a_day_however_often_it_is_entered(
    client, daily, smtp, worker, settings
):
    settings.NEWSROOM_NEWSLETTER_EMAILS_PER_ADDRESS = 2
    for _ in range(4):
        assert sign_up(client, "target@example.org", daily).status_code == 200
    worker()
    assert smtp.wait_for(2)
    assert len(smtp.to("target@example.org")) == 2
    assert SignUp.objects.count() == 2


@pytest.mark.parametrize("name", ["confirm", "manage", "unsubscribe"])
def test_a_forged_or_damaged_link_is_refused_and_changes_nothing(client, daily, name):
    subscriber = reader("reader@example.org", daily)
    good = {
        "confirm": "1:abc",
        "manage": tokens.manage_token(subscriber),
        "unsubscribe": tokens.unsubscribe_token(subscriber, daily),
    }[name]
    forged = good[:-3] + ("aaa" if not good.endswith("aaa") else "bbb")
    for token in (forged, "nonsense", "W10:forged"):
        url = reverse(f"newsletters:{name}", kwargs={"token": token})
        for response in (client.get(url), client.post(url, {"List-Unsubscribe": "One-Click"})):
            assert response.status_code == 400
            assert "This link cannot be used" in response.content.decode()
    assert Subscription.objects.get().status == Subscription.Status.SUBSCRIBED


def test_a_confirmation_link_expires_with_its_sign_up_after_a_week(client, daily, smtp, worker):
    sign_up(client, "late@example.org", daily)
    worker()
    confirm_path = link_in(smtp.to("late@example.org")[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        response = client.post(confirm_path)
        assert response.status_code == 400
        assert "expired" in response.content.decode()
        assert not Subscription.objects.exists()
        # The lapse task forgets the request and the address.
        worker()
    assert not SignUp.objects.exists()
    assert not Subscriber.objects.exists()


def test_the_lapse_keeps_an_address_that_has_newsletters(client, daily, worker):
    breaking = alerts_newsletter()
    reader("reader@example.org", breaking)
    sign_up(client, "reader@example.org", daily)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        worker()
    assert not SignUp.objects.exists()
    assert Subscriber.objects.get().subscriptions.get().newsletter == breaking


def test_the_preferences_page_changes_newsletters_without_an_account(client, daily):
    breaking = alerts_newsletter()
    subscriber = reader("reader@example.org", daily)
    url = reverse("newsletters:manage", kwargs={"token": tokens.manage_token(subscriber)})

    page = client.get(url)
    assert page.status_code == 200
    assert "reader@example.org" in page.content.decode()
    assert subscriber.subscriptions.get().status == Subscription.Status.SUBSCRIBED

    saved = client.post(url, {"newsletters": [breaking.pk]})
    assert saved.status_code == 200
    assert "Saved. You receive Breaking News." in saved.content.decode()
    states = dict(subscriber.subscriptions.values_list("newsletter__slug", "status"))
    assert states == {"the-daily-briefing": "unsubscribed", "breaking-news": "subscribed"}

    client.post(url, {"unsubscribe_all": "1", "newsletters": [daily.pk]})
    assert not subscriber.subscriptions.filter(status=Subscription.Status.SUBSCRIBED).exists()


def test_personal_pages_are_never_cached_and_set_no_cookie(client, daily, smtp, worker):
    subscriber = reader("reader@example.org", daily)
    sign_up(client, "new@example.org", daily)
    worker()
    urls = [
        link_in(smtp.to("new@example.org")[0]),
        reverse("newsletters:manage", kwargs={"token": tokens.manage_token(subscriber)}),
        reverse(
            "newsletters:unsubscribe",
            kwargs={"token": tokens.unsubscribe_token(subscriber, daily)},
        ),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert not response.has_header("xkey") and not response.has_header("Surrogate-Key")
        assert response["Referrer-Policy"] == "no-referrer"
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()
    # Opening the unsubscribe and preferences links changed nothing either.
    assert subscriber.subscriptions.get().status == Subscription.Status.SUBSCRIBED


def test_only_post_gets_through_to_the_forms_and_other_methods_are_refused(client, daily):
    for method in ("PUT", "PATCH", "DELETE"):
        assert client.generic(method, SUBSCRIBE).status_code == 405
    assert client.post(reverse("newsletters:index")).status_code == 405
    assert client.post(daily.get_absolute_url()).status_code == 405
    assert not SignUp.objects.exists()


def test_without_mail_set_up_sign_ups_are_refused_with_a_clear_page(client, daily, settings):
    settings.NEWSROOM_MAIL_CONFIGURED = False
    response = sign_up(client, "reader@example.org", daily)
    assert response.status_code == 503
    assert "cannot send emails right now" in response.content.decode()
    assert not SignUp.objects.exists()
