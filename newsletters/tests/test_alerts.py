"""A breaking alert goes out when its story becomes visible to readers, never before, once, and
never for a story that is embargoed, withdrawn or unpublished when its time comes."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article
from articles.publishing import publish_article, unpublish_article
from articles.tests.factories import ArticleFactory, draft
from newsletters import alerts
from newsletters.models import Edition
from newsletters.tests.factories import NewsletterFactory, alerts_newsletter, reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def breaking(db):
    newsletter = alerts_newsletter()
    reader("reader@example.org", newsletter)
    return newsletter


def scheduled_story(editor, hours=2, **kwargs):
    story = draft(headline="Strike on the power plant", **kwargs)
    at = timezone.now() + datetime.timedelta(hours=hours)
    publish_article(article=story, editor=editor, at=at)
    return story, at


def later(moment, minutes=1):
    return time_machine.travel(moment + datetime.timedelta(minutes=minutes))


def test_an_alert_on_a_scheduled_story_goes_at_its_publish_time_not_before(
    breaking, editor, smtp, worker
):
    story, at = scheduled_story(editor)
    alert = alerts.attach_alert(article=story, newsletter=breaking, editor=editor)
    assert alert.subject == "Strike on the power plant"
    worker()
    with time_machine.travel(at - datetime.timedelta(minutes=1)):
        worker()
    assert not smtp.messages
    with later(at):
        worker()
    assert smtp.wait_for(1)
    assert smtp.messages[0][1]["Subject"] == "Strike on the power plant"
    alert.refresh_from_db()
    assert alert.status == Edition.Status.SENT
    with later(at, minutes=10):
        worker()
    assert len(smtp.messages) == 1


def test_an_alert_on_a_live_story_goes_now(breaking, editor, smtp, worker):
    story = ArticleFactory(headline="Explosions in Kyiv")
    alerts.attach_alert(article=story, newsletter=breaking, editor=editor)
    worker()
    assert smtp.wait_for(1)


def test_a_story_rescheduled_later_is_sent_at_the_new_time_once(breaking, editor, smtp, worker):
    story, first = scheduled_story(editor)
    alerts.attach_alert(article=story, newsletter=breaking, editor=editor)
    second = first + datetime.timedelta(hours=3)
    publish_article(article=story, editor=editor, at=second)
    with later(first):
        worker()
    assert not smtp.messages
    with later(second):
        worker()
    with later(second, minutes=30):
        worker()
    assert smtp.wait_for(1)
    assert len(smtp.messages) == 1


def test_an_unpublished_story_sends_nothing_and_its_next_go_live_does(
    breaking, editor, smtp, worker
):
    story, first = scheduled_story(editor)
    alert = alerts.attach_alert(article=story, newsletter=breaking, editor=editor)
    unpublish_article(article=story, editor=editor)
    with later(first):
        worker()
    assert not smtp.messages
    alert.refresh_from_db()
    assert alert.status == Edition.Status.WAITING
    again = first + datetime.timedelta(hours=1)
    with time_machine.travel(first + datetime.timedelta(minutes=5)):
        publish_article(article=story, editor=editor, at=again)
    with later(again):
        worker()
    assert smtp.wait_for(1)


def test_a_story_withdrawn_before_its_alert_went_out_cancels_it(breaking, editor, smtp, worker):
    story, at = scheduled_story(editor)
    alert = alerts.attach_alert(article=story, newsletter=breaking, editor=editor)
    with later(at):
        # Out and withdrawn before any worker got to the alert.
        Article.objects.filter(pk=story.pk).update(
            withdrawn_at=timezone.now(), status=Article.Status.DRAFT
        )
        worker()
    alert.refresh_from_db()
    assert alert.status == Edition.Status.CANCELLED
    assert "withdrawn" in alert.outcome
    assert not smtp.messages


def test_an_embargo_holds_the_alert_until_it_lifts(breaking, editor, smtp, worker):
    lifts = timezone.now() + datetime.timedelta(hours=5)
    story, at = scheduled_story(editor, embargo_until=lifts)
    assert story.goes_live_at == lifts
    alerts.attach_alert(article=story, newsletter=breaking, editor=editor)
    with later(at):
        worker()
    assert not smtp.messages
    with later(lifts):
        worker()
    assert smtp.wait_for(1)


def test_a_journalist_cannot_attach_an_alert(breaking, journalist):
    story = ArticleFactory()
    with pytest.raises(PermissionDenied):
        alerts.attach_alert(article=story, newsletter=breaking, editor=journalist)
    assert not Edition.objects.exists()


def test_an_alert_needs_an_alerts_newsletter_and_one_per_story(breaking, editor):
    story = ArticleFactory()
    with pytest.raises(ValidationError, match="not a breaking-alerts newsletter"):
        alerts.attach_alert(article=story, newsletter=NewsletterFactory(), editor=editor)
    scheduled, _ = scheduled_story(editor)
    alerts.attach_alert(article=scheduled, newsletter=breaking, editor=editor)
    with pytest.raises(ValidationError, match="already has an alert waiting"):
        alerts.attach_alert(article=scheduled, newsletter=breaking, editor=editor)


def test_an_alert_called_off_is_never_sent(breaking, editor, smtp, worker):
    story, at = scheduled_story(editor)
    alert = alerts.attach_alert(article=story, newsletter=breaking, editor=editor)
    alerts.cancel_alert(edition=alert, editor=editor)
    with later(at):
        worker()
    assert not smtp.messages
