"""The desk's newsletter screens: an editor composes from the front page, previews both parts,
sends a test, sends and follows the log; a journalist can neither send nor change anything."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.tests.factories import ArticleFactory
from frontpage.models import FrontSlot
from newsletters.models import Edition, EditionStory, Newsletter, Subscription
from newsletters.tests.factories import NewsletterFactory, alerts_newsletter, reader

pytestmark = pytest.mark.django_db
ADD = reverse("admin:newsletters_edition_add")


@pytest.fixture
def daily(db):
    return NewsletterFactory(name="The Daily Briefing", slug="the-daily-briefing")


def change_url(edition):
    return reverse("admin:newsletters_edition_change", args=[edition.pk])


def form_data(edition, **extra):
    placements = list(edition.placements.all())
    data = {
        "newsletter": edition.newsletter_id,
        "subject": edition.subject,
        "intro": edition.intro,
        "schedule_for": "",
        "placements-TOTAL_FORMS": str(len(placements) + 1),
        "placements-INITIAL_FORMS": str(len(placements)),
        "placements-MIN_NUM_FORMS": "0",
        "placements-MAX_NUM_FORMS": "1000",
    }
    data[f"placements-{len(placements)}-position"] = "0"  # the empty row a browser sends
    for index, placement in enumerate(placements):
        data[f"placements-{index}-id"] = placement.pk
        data[f"placements-{index}-edition"] = edition.pk
        data[f"placements-{index}-article"] = placement.article_id
        data[f"placements-{index}-position"] = placement.position
    return {**data, **extra}


def test_an_editor_composes_from_the_front_page_previews_and_sends(
    client, daily, editor, smtp, worker
):
    reader("reader@example.org", daily)
    lead = ArticleFactory(headline="The placed lead")
    FrontSlot.objects.create(position=FrontSlot.Position.LEAD, article=lead)
    ArticleFactory(headline="Newest story")
    client.force_login(editor)

    response = client.post(
        ADD,
        {
            "newsletter": daily.pk,
            "subject": "Monday briefing",
            "intro": "Good morning.",
            "start_from_front": "on",
        },
    )
    edition = Edition.objects.get()
    assert response.status_code == 302 and response["Location"] == change_url(edition)
    assert [s.headline for s in edition.ordered_stories()] == ["The placed lead", "Newest story"]

    page = client.get(change_url(edition)).content.decode()
    assert "Preview the email" in page and "Send now…" in page
    html = client.get(reverse("admin:newsletters_edition_preview", args=[edition.pk, "html"]))
    assert html.status_code == 200 and "The placed lead" in html.content.decode()
    text = client.get(reverse("admin:newsletters_edition_preview", args=[edition.pk, "text"]))
    assert text["Content-Type"].startswith("text/plain") and "Newest story" in text.content.decode()

    editor.email = "editor@news.example.org"
    editor.save()
    tested = client.post(change_url(edition), form_data(edition, _test="1"), follow=True)
    assert "A test copy was sent to editor@news.example.org." in tested.content.decode()
    assert smtp.wait_for(1)

    confirm = client.post(change_url(edition), form_data(edition, _send="1"), follow=True)
    assert "to its <strong>1</strong> confirmed reader" in confirm.content.decode()
    assert Edition.objects.get().status == Edition.Status.DRAFT
    sent = client.post(reverse("admin:newsletters_edition_send", args=[edition.pk]))
    assert sent["Location"] == reverse("admin:newsletters_edition_log", args=[edition.pk])
    log = client.get(sent["Location"])
    assert log.status_code == 200 and log["Refresh"] == "3"
    assert "Waiting for a worker" in log.content.decode()

    worker()
    assert smtp.wait_for(2)
    log = client.get(sent["Location"])
    body = log.content.decode()
    assert "Sent " in body and "These add up to the 1 recipient." in body
    assert not log.has_header("Refresh")
    # A sent edition is on record: its form is read-only.
    assert client.post(change_url(edition), form_data(edition)).status_code == 403


def test_scheduling_from_the_form(client, daily, editor):
    edition = Edition.objects.create(newsletter=daily, subject="Later")
    EditionStory.objects.create(edition=edition, article=ArticleFactory())
    client.force_login(editor)
    at = timezone.localtime() + datetime.timedelta(hours=3)
    response = client.post(
        change_url(edition),
        form_data(edition, _schedule="1", schedule_for=at.strftime("%Y-%m-%dT%H:%M")),
        follow=True,
    )
    assert "Scheduled: it goes out" in response.content.decode()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SCHEDULED
    assert edition.send_at == at.replace(second=0, microsecond=0)


@pytest.mark.parametrize("field", ["subject"])
def test_a_line_break_in_a_header_field_is_a_field_error(client, daily, editor, field):
    client.force_login(editor)
    response = client.post(
        ADD,
        {"newsletter": daily.pk, "subject": "Hello\r\nBcc: everyone@example.org", "intro": ""},
    )
    assert response.status_code == 200
    assert "line breaks are not allowed" in response.content.decode()
    assert not Edition.objects.exists()


def test_a_sender_name_cannot_carry_a_header(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:newsletters_newsletter_add"),
        {
            "name": "Evening",
            "slug": "evening",
            "kind": "digest",
            "description": "x",
            "sender_name": "Desk\nBcc: all@example.org",
            "sender_address": "desk@example.org",
            "position": 0,
        },
    )
    assert response.status_code == 200
    assert "line breaks are not allowed" in response.content.decode()
    assert not Newsletter.objects.filter(slug="evening").exists()


def test_a_journalist_can_neither_send_nor_change_newsletters(client, daily, journalist):
    edition = Edition.objects.create(newsletter=daily, subject="Draft")
    EditionStory.objects.create(edition=edition, article=ArticleFactory())
    client.force_login(journalist)
    for url in (
        reverse("admin:newsletters_newsletter_changelist"),
        ADD,
        change_url(edition),
        reverse("admin:newsletters_edition_send", args=[edition.pk]),
        reverse("admin:newsletters_breakingalert_add"),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("admin:newsletters_edition_send", args=[edition.pk])).status_code == 403
    )
    assert (
        client.post(change_url(edition), form_data(edition, subject="Changed")).status_code == 403
    )
    edition.refresh_from_db()
    assert (edition.status, edition.subject) == (Edition.Status.DRAFT, "Draft")


def test_an_editor_attaches_an_alert_to_a_story(client, editor, smtp, worker):
    breaking = alerts_newsletter()
    reader("reader@example.org", breaking)
    story = ArticleFactory(headline="Dam breached")
    client.force_login(editor)
    response = client.post(
        reverse("admin:newsletters_breakingalert_add"),
        {"alert_article": story.pk, "newsletter": breaking.pk, "subject": "", "intro": ""},
    )
    assert response.status_code == 302
    alert = Edition.objects.get()
    assert (alert.subject, alert.alert_article) == ("Dam breached", story)
    worker()
    assert smtp.wait_for(1)
    again = client.post(
        reverse("admin:newsletters_breakingalert_add"),
        {"alert_article": story.pk, "newsletter": breaking.pk, "subject": "", "intro": ""},
    )
    assert again.status_code == 302  # a second alert for a sent story is a new one: allowed
    assert Edition.objects.count() == 2


def test_editors_see_readers_per_newsletter_and_week(client, daily, editor):
    reader("a@example.org", daily)
    reader("b@example.org", daily)
    left = reader("c@example.org", daily)
    subscription = left.subscriptions.get()
    subscription.status = Subscription.Status.UNSUBSCRIBED
    subscription.unsubscribed_at = timezone.now()
    subscription.save()
    client.force_login(editor)
    listing = client.get(reverse("admin:newsletters_newsletter_changelist")).content.decode()
    assert ">2</a>" in listing
    page = client.get(reverse("admin:newsletters_newsletter_audience", args=[daily.pk]))
    body = page.content.decode()
    assert "<strong>2</strong> confirmed readers" in body
    assert "<td>3</td><td>0</td><td>1</td>" in body.replace("\n", "")
