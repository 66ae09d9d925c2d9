import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.tests.factories import ArticleFactory
from live import services
from live.models import LiveUpdate, LiveUpdateCorrection
from live.tests.stories import published_update
from media.tests.factories import ImageFactory
from tools.testing import desk_user

pytestmark = pytest.mark.django_db


def console_url(article):
    return reverse("admin:live_livestory_console", args=[article.pk])


def rows():
    return (
        list(LiveUpdate.objects.order_by("pk").values()),
        list(LiveUpdateCorrection.objects.values()),
        list(Article.objects.values("pk", "live_started_at", "live_ended_at", "live_poll_seconds")),
    )


def write(client, article, step, body="<p>Two people were injured.</p>", **extra):
    data = {"action": "write", "step": step, "write-body": body, "write-title": "", **extra}
    return client.post(console_url(article), data)


def test_editor_writes_and_publishes_an_update_that_readers_then_see(
    client, story, editor, reporter
):
    client.force_login(editor)
    page = client.get(console_url(story))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Start live coverage" not in html and "End live coverage" in html
    assert 'name="write-body"' in html and "prose-editor" in html
    assert f'href="{story.get_absolute_url()}"' in html
    response = write(
        client, story, "publish", **{"write-is_key_event": "on", "write-authors": [reporter.pk]}
    )
    assert response.status_code == 302
    update = LiveUpdate.objects.get()
    assert update.status == LiveUpdate.Status.PUBLISHED and update.is_key_event
    assert list(update.authors.all()) == [reporter]
    client.logout()
    reader = client.get(story.get_absolute_url()).content.decode()
    assert "Two people were injured." in reader
    assert "Olena Marchenko" in reader


def test_journalist_submits_but_cannot_publish(client, story, journalist):
    client.force_login(journalist)
    html = client.get(console_url(story)).content.decode()
    assert 'value="publish"' not in html
    assert "End live coverage" not in html
    before = rows()
    refused = write(client, story, "publish")
    assert refused.status_code == 403
    assert "Only editors" in refused.content.decode()
    # The words stay in the form.
    assert "Two people were injured." in refused.content.decode()
    assert rows() == before
    assert write(client, story, "submit").status_code == 302
    assert LiveUpdate.objects.get().status == LiveUpdate.Status.SUBMITTED


def test_journalist_refusals_leave_the_database_unchanged(client, story, journalist, editor):
    update = published_update(story)
    client.force_login(journalist)
    before = rows()
    for data in (
        {"action": "end"},
        {"action": "poll", "poll_seconds": "120"},
        {"action": "publish", "update": update.pk},
        {"action": "pin", "update": update.pk},
        {"action": "correct", "update": update.pk, "text": "It was 6 a.m."},
    ):
        response = client.post(console_url(story), data)
        assert response.status_code == 403, data
    assert rows() == before


def test_editor_corrects_pins_and_sets_the_poll_interval(client, story, editor):
    update = published_update(story)
    client.force_login(editor)
    client.post(console_url(story), {"action": "correct", "update": update.pk, "text": "At 6."})
    client.post(console_url(story), {"action": "pin", "update": update.pk})
    client.post(console_url(story), {"action": "poll", "poll_seconds": "90"})
    update.refresh_from_db()
    story.refresh_from_db()
    assert list(update.corrections.values_list("text", flat=True)) == ["At 6."]
    assert update.is_key_event is True
    assert story.live_poll_seconds == 90
    refused = client.post(console_url(story), {"action": "poll", "poll_seconds": "1"})
    assert refused.status_code == 400
    story.refresh_from_db()
    assert story.live_poll_seconds == 90


def test_editor_ends_and_resumes_coverage(client, story, editor):
    client.force_login(editor)
    client.post(console_url(story), {"action": "end"})
    story.refresh_from_db()
    assert story.is_live is False
    assert "Resume live coverage" in client.get(console_url(story)).content.decode()
    client.post(console_url(story), {"action": "start"})
    story.refresh_from_db()
    assert story.is_live is True


def test_edit_form_carries_the_update_and_refuses_a_stale_save(client, story, editor):
    update = services.write_update(article=story, user=editor, body="<p>First words.</p>")
    client.force_login(editor)
    html = client.get(console_url(story), {"edit": update.pk}).content.decode()
    assert "First words." in html and "Edit the update" in html
    opened = update.version
    services.edit_update(update=update, user=editor, body="<p>A colleague's words.</p>")
    stale = write(
        client,
        story,
        "save",
        body="<p>My words.</p>",
        **{"write-update": update.pk, "write-version": opened},
    )
    assert stale.status_code == 400
    assert "Someone saved this update after you opened it" in stale.content.decode()
    assert "My words." in stale.content.decode()
    update.refresh_from_db()
    assert update.body == "<p>A colleague's words.</p>"


def test_empty_update_shows_a_field_error(client, story, editor):
    client.force_login(editor)
    response = write(client, story, "publish", body="")
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not LiveUpdate.objects.exists()


def test_console_is_for_the_desk_only(client, story):
    outsider = User.objects.create_user("reader", password="pw", is_staff=True)
    client.force_login(outsider)
    assert client.get(console_url(story)).status_code == 403
    client.logout()
    assert client.get(console_url(story)).status_code == 302


def test_live_coverage_list_links_each_story_to_its_console(client, story, journalist):
    client.force_login(journalist)
    html = client.get(reverse("admin:live_livestory_changelist")).content.decode()
    assert console_url(story) in html
    assert "Live" in html


def test_live_coverage_list_leaves_out_the_old_archive(client, story, editor):
    old = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=30))
    recent = ArticleFactory()
    client.force_login(editor)
    html = client.get(reverse("admin:live_livestory_changelist")).content.decode()
    assert console_url(recent) in html
    assert console_url(old) not in html
    # Any story's console still opens from its article form.
    assert client.get(console_url(old)).status_code == 200


def test_a_writer_with_no_profile_is_told_and_refused_beside_the_authors_field(client, story):
    editor = desk_user("night-editor", "Editors")
    client.force_login(editor)

    page = client.get(console_url(story)).content.decode()
    response = write(client, story, "publish")

    assert "Your desk account has no author profile, so updates cannot carry your name" in page
    assert "Empty: you (your author profile)" not in page
    assert response.status_code == 400
    assert "no author profile to sign this update with" in response.content.decode()
    assert "Two people were injured." in response.content.decode()
    assert not LiveUpdate.objects.exists()


def test_the_staff_byline_box_signs_an_update_from_the_console(client, story):
    client.force_login(desk_user("night-editor", "Editors"))

    response = write(client, story, "publish", **{"write-staff_byline": "on"})

    assert response.status_code == 302
    assert [a.name for a in LiveUpdate.objects.get().authors.all()] == ["The Newsroom"]


def test_the_console_picks_authors_and_pictures_as_the_article_form_does(client, story, editor):
    picture = ImageFactory(alt_text="Firefighters at a burning house")
    update = services.write_update(article=story, user=editor, body="<p>Fire.</p>", image=picture)
    client.force_login(editor)

    page = client.get(console_url(story), {"edit": update.pk}).content.decode()

    assert "Empty: you (your author profile)" in page
    assert 'data-model-name="liveupdate" data-field-name="authors"' in page
    assert 'data-model-name="liveupdate" data-field-name="image"' in page
    assert 'class="related-widget-wrapper-link add-related" id="add_id_write-image"' in page
    preview = page.split('<span class="desk-image-preview" aria-live="polite">')[1]
    assert preview.startswith('<img src="/media/renditions/')
    assert 'alt="Firefighters at a burning house"' in preview.split("</span>")[0]
    assert "admin-desk/image-picker.js" in page
