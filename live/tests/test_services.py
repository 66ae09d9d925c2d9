import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import Article
from live import services
from live.models import LiveUpdate, LiveUpdateCorrection
from live.tests.stories import live_article, published_update
from tools.testing import desk_user

pytestmark = pytest.mark.django_db


def rows():
    """Everything live coverage writes, to show a refusal left it all as it was."""
    return (
        list(LiveUpdate.objects.order_by("pk").values()),
        list(LiveUpdateCorrection.objects.values()),
        list(Article.objects.values("pk", "live_started_at", "live_ended_at", "live_poll_seconds")),
    )


def test_is_live_follows_the_coverage_times(story, editor):
    assert story.is_live is True
    services.end_coverage(article=story, editor=editor)
    story.refresh_from_db()
    assert story.is_live is False
    assert Article(live_started_at=None).is_live is False


def test_journalist_drafts_and_submits_an_update(story, journalist):
    update = services.write_update(
        article=story, user=journalist, body="<p>Smoke over the river.</p>", step="submit"
    )
    update.refresh_from_db()
    assert update.status == LiveUpdate.Status.SUBMITTED
    assert update.published_at is None
    assert list(update.authors.all()) == [journalist.author_profile]
    assert update.created_by == journalist


def test_journalist_cannot_publish_and_nothing_is_written(story, journalist):
    with pytest.raises(PermissionDenied):
        services.write_update(article=story, user=journalist, body="<p>Now.</p>", step="publish")
    assert not LiveUpdate.objects.exists()
    draft = services.write_update(article=story, user=journalist, body="<p>Later.</p>")
    before = rows()
    with pytest.raises(PermissionDenied):
        services.publish_update(update=draft, editor=journalist)
    with pytest.raises(PermissionDenied):
        services.correct_update(update=draft, editor=journalist, text="Wrong")
    with pytest.raises(PermissionDenied):
        services.set_key_event(update=draft, editor=journalist, is_key_event=True)
    with pytest.raises(PermissionDenied):
        services.end_coverage(article=story, editor=journalist)
    with pytest.raises(PermissionDenied):
        services.set_poll_interval(article=story, editor=journalist, seconds=60)
    assert rows() == before


def test_journalist_cannot_edit_a_published_update_or_someone_elses(
    story, journalist, other_journalist
):
    theirs = services.write_update(article=story, user=other_journalist, body="<p>Theirs.</p>")
    published = published_update(story, created_by=journalist)
    before = rows()
    for update in (theirs, published):
        with pytest.raises(PermissionDenied):
            services.edit_update(update=update, user=journalist, body="<p>Mine now.</p>")
    assert rows() == before


def test_editor_publishes_a_submitted_update(story, journalist, editor):
    update = services.write_update(
        article=story, user=journalist, body="<p>Two injured.</p>", step="submit"
    )
    services.publish_update(update=update, editor=editor)
    update.refresh_from_db()
    assert update.status == LiveUpdate.Status.PUBLISHED
    assert update.published_at is not None
    assert list(LiveUpdate.objects.published()) == [update]


def test_updates_are_refused_on_a_story_that_is_not_live(editor):
    article = live_article()
    services.end_coverage(article=article, editor=editor)
    before = rows()
    with pytest.raises(ValidationError):
        services.write_update(article=article, user=editor, body="<p>Late.</p>", step="publish")
    assert rows() == before


def test_an_empty_update_is_refused(story, editor):
    with pytest.raises(ValidationError) as refusal:
        services.write_update(article=story, user=editor, body="<p> </p>", step="publish")
    assert "body" in refusal.value.error_dict
    assert not LiveUpdate.objects.exists()


def test_body_goes_through_the_sanitiser(story, editor):
    update = services.write_update(
        article=story,
        user=editor,
        body='<p onclick="x()">Calm<script>alert(1)</script></p>',
        step="publish",
    )
    update.refresh_from_db()
    assert update.body == "<p>Calm</p>"


def test_edit_writes_only_changed_fields(story, editor):
    update = published_update(story, title="Sirens", body="<p>Sirens.</p>")
    # Someone else pins it meanwhile, from a copy this caller never saw.
    services.set_key_event(
        update=LiveUpdate.objects.get(pk=update.pk), editor=editor, is_key_event=True
    )
    services.edit_update(update=update, user=editor, title="Sirens over Nikopol")
    update.refresh_from_db()
    assert update.title == "Sirens over Nikopol"
    assert update.is_key_event is True
    assert update.revised_at is not None


def test_an_edit_from_an_older_version_is_refused(story, editor):
    update = published_update(story, body="<p>First.</p>")
    opened = update.version
    services.edit_update(update=update, user=editor, version=opened, body="<p>Second.</p>")
    before = rows()
    with pytest.raises(ValidationError) as refusal:
        services.edit_update(update=update, user=editor, version=opened, body="<p>Third.</p>")
    assert refusal.value.code == "stale_update"
    assert rows() == before


def test_corrections_are_append_only(story, editor):
    update = published_update(story)
    correction = services.correct_update(update=update, editor=editor, text="It was 5 a.m.")
    correction.text = "Rewritten"
    with pytest.raises(ValidationError):
        correction.save()
    with pytest.raises(ValidationError):
        correction.delete()
    assert list(update.corrections.values_list("text", flat=True)) == ["It was 5 a.m."]


def test_a_draft_is_not_corrected(story, editor):
    draft = services.write_update(article=story, user=editor, body="<p>Draft.</p>")
    with pytest.raises(ValidationError):
        services.correct_update(update=draft, editor=editor, text="No")
    assert not LiveUpdateCorrection.objects.exists()


def test_start_end_and_resume_coverage(editor):
    article = live_article()
    started = article.live_started_at
    services.end_coverage(article=article, editor=editor)
    article.refresh_from_db()
    assert article.live_ended_at is not None
    services.start_coverage(article=article, editor=editor)
    article.refresh_from_db()
    assert (article.live_started_at, article.live_ended_at) == (started, None)


def test_poll_interval_is_bounded(story, editor):
    with pytest.raises(ValidationError):
        services.set_poll_interval(article=story, editor=editor, seconds=1)
    services.set_poll_interval(article=story, editor=editor, seconds=60)
    story.refresh_from_db()
    assert story.live_poll_seconds == 60


def test_publishing_and_correcting_invalidate_the_story(story, editor, invalidations):
    story_keys = (f"article-{story.pk}", f"live-{story.pk}")
    with invalidations() as bumped:
        draft = services.write_update(article=story, user=editor, body="<p>Draft.</p>")
    assert bumped.keys(*story_keys) == set()
    with invalidations() as bumped:
        services.publish_update(update=draft, editor=editor)
    assert bumped.keys(*story_keys) == set(story_keys)
    with invalidations() as bumped:
        services.correct_update(update=draft, editor=editor, text="It was 5 a.m.")
    assert bumped.keys(*story_keys) == set(story_keys)


def test_ending_coverage_invalidates_the_cards(story, editor, invalidations):
    with invalidations() as bumped:
        services.end_coverage(article=story, editor=editor)
    section = f"section-{story.section_id}"
    assert bumped.keys("front", section, f"article-{story.pk}") == {
        "front",
        section,
        f"article-{story.pk}",
    }


# --- Who signs an update ----------------------------------------------------------------------


@pytest.fixture
def unsigned_editor(db):
    """An editor whose desk account has no author profile (the demo's editor is one)."""
    return desk_user("night-editor", "Editors")


def test_a_writer_with_no_profile_who_names_nobody_is_refused_and_nothing_is_written(
    story, unsigned_editor
):
    with pytest.raises(ValidationError) as refusal:
        services.write_update(
            article=story, user=unsigned_editor, body="<p>Sirens.</p>", step="publish"
        )

    assert "no author profile" in refusal.value.message_dict["authors"][0]
    assert not LiveUpdate.objects.exists()


def test_the_staff_byline_signs_an_update_when_chosen(story, unsigned_editor):
    update = services.write_update(
        article=story, user=unsigned_editor, body="<p>Sirens.</p>", staff_byline=True
    )

    assert [(a.name, a.is_desk) for a in update.authors.all()] == [("The Newsroom", True)]


def test_named_authors_sign_an_update_whoever_writes_it(story, unsigned_editor, reporter):
    update = services.write_update(
        article=story, user=unsigned_editor, body="<p>Sirens.</p>", authors=[reporter]
    )

    assert list(update.authors.all()) == [reporter]


def test_an_update_that_names_nobody_is_not_published(story, editor):
    update = services.write_update(article=story, user=editor, body="<p>Sirens.</p>")
    update.authors.clear()
    before = rows()

    with pytest.raises(ValidationError, match="This update names no author"):
        services.publish_update(update=update, editor=editor)

    assert rows() == before


def test_emptying_the_authors_of_an_update_signs_it_as_a_new_one_would_be(story, editor, reporter):
    update = services.write_update(
        article=story, user=editor, body="<p>Sirens.</p>", authors=[reporter]
    )

    services.edit_update(update=update, user=editor, authors=[])

    assert list(update.authors.all()) == [editor.author_profile]
