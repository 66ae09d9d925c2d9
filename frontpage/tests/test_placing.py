"""The rules of placing stories: who, which stories, expiry read at request time, the record."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.publishing import unpublish_article
from articles.tests.factories import ArticleFactory, draft, in_review, scheduled
from frontpage.models import FrontSlot, FrontSlotChange
from frontpage.placing import clear_slot, compose_front, front_at, place_story

pytestmark = pytest.mark.django_db

LEAD, TOP_1, TOP_2 = FrontSlot.Position.LEAD, FrontSlot.Position.TOP_1, FrontSlot.Position.TOP_2
NOW = datetime.datetime(2026, 5, 4, 15, 0, tzinfo=datetime.UTC)


def test_a_placed_story_becomes_the_lead_and_leaves_the_feed(editor):
    newest = ArticleFactory(headline="Newest")
    older = ArticleFactory(headline="Older")
    place_story(position=LEAD, article=older, editor=editor)

    front = compose_front()

    assert front.lead == older
    assert front.top_stories[0] == newest
    assert older not in front.page.items
    assert FrontSlotChange.objects.get().headline == "Older"


@pytest.mark.parametrize("make", [draft, in_review], ids=["draft", "in review"])
def test_only_published_stories_can_be_placed(editor, make):
    story = make()
    with pytest.raises(ValidationError) as refused:
        place_story(position=LEAD, article=story, editor=editor)
    assert "Only a published" in str(refused.value.message_dict["article"])
    assert not FrontSlot.objects.exists()
    assert not FrontSlotChange.objects.exists()


def test_a_withdrawn_story_cannot_be_placed(editor):
    story = ArticleFactory()
    unpublish_article(article=story, editor=editor)
    with pytest.raises(ValidationError):
        place_story(position=LEAD, article=story, editor=editor)
    assert not FrontSlot.objects.exists()


def test_a_story_is_placed_once(editor):
    story = ArticleFactory()
    place_story(position=LEAD, article=story, editor=editor)
    with pytest.raises(ValidationError) as refused:
        place_story(position=TOP_1, article=story, editor=editor)
    assert "already placed as Lead story" in str(refused.value)
    assert list(FrontSlot.objects.values_list("position", flat=True)) == [LEAD]


def test_an_expiry_in_the_past_is_refused(editor):
    with pytest.raises(ValidationError) as refused:
        place_story(
            position=TOP_1,
            article=ArticleFactory(),
            expires_at=timezone.now() - datetime.timedelta(minutes=1),
            editor=editor,
        )
    assert "future" in str(refused.value.message_dict["expires_at"])


def test_a_journalist_cannot_place_or_clear(editor, journalist):
    story = ArticleFactory()
    place_story(position=LEAD, article=story, editor=editor)
    with pytest.raises(PermissionDenied):
        place_story(position=TOP_1, article=ArticleFactory(), editor=journalist)
    with pytest.raises(PermissionDenied):
        clear_slot(position=LEAD, editor=journalist)
    assert list(FrontSlot.objects.values_list("article", flat=True)) == [story.pk]
    assert FrontSlotChange.objects.count() == 1


def test_an_expired_slot_falls_back_to_the_newest_story_with_no_worker(editor):
    with time_machine.travel(NOW, tick=False):
        newest = ArticleFactory(headline="Newest")
        placed = ArticleFactory(headline="Placed until 18:00")
        place_story(
            position=LEAD,
            article=placed,
            expires_at=NOW + datetime.timedelta(hours=3),
            editor=editor,
        )
        assert compose_front().lead == placed

    with time_machine.travel(NOW + datetime.timedelta(hours=3, seconds=1), tick=False):
        front = compose_front()
        assert front.lead == newest
        # Back in the feed, where its publish time puts it.
        assert placed in [*front.top_stories, *front.page.items]
        assert FrontSlot.objects.filter(position=LEAD).exists(), "nothing deleted it"


def test_a_placed_story_that_is_unpublished_drops_out_at_once(editor):
    newest = ArticleFactory(headline="Newest")
    placed = ArticleFactory(headline="Placed")
    place_story(position=LEAD, article=placed, editor=editor)
    unpublish_article(article=placed, editor=editor)

    front = compose_front()

    assert front.lead == newest
    assert placed not in [*front.top_stories, *front.page.items]


def test_a_scheduled_story_may_be_placed_and_shows_when_it_goes_live(editor):
    ArticleFactory(headline="Newest")
    story = scheduled(in_hours=2, headline="At two")
    place_story(position=LEAD, article=story, editor=editor)
    assert compose_front().lead.headline == "Newest"

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2, minutes=1)):
        assert compose_front().lead == story


def test_the_feed_never_repeats_a_placed_story_on_continuation_pages(editor):
    stories = [ArticleFactory() for _ in range(60)]
    deep = stories[40]  # on the third page of the unplaced feed
    place_story(position=TOP_2, article=deep, editor=editor)

    first = compose_front(size=20)
    shown = [first.lead, *first.top_stories, *first.page.items]
    cursor = first.page.next_cursor
    while cursor:
        page = compose_front(cursor=cursor, size=20).page
        shown += page.items
        cursor = page.next_cursor

    assert shown.count(deep) == 1
    assert first.top_stories[1] == deep
    assert sorted(s.pk for s in shown) == sorted(s.pk for s in stories)


def test_the_record_shows_the_front_as_it_was_at_a_time(editor, second_editor):
    first_lead, second_lead, top = ArticleFactory(), ArticleFactory(), ArticleFactory()
    with time_machine.travel(NOW, tick=False):
        place_story(position=LEAD, article=first_lead, editor=editor)
        place_story(position=TOP_1, article=top, expires_at=NOW + timedelta_hours(2), editor=editor)
    with time_machine.travel(NOW + timedelta_hours(1), tick=False):
        place_story(position=LEAD, article=second_lead, editor=second_editor)
    with time_machine.travel(NOW + timedelta_hours(4), tick=False):
        clear_slot(position=LEAD, editor=editor)

    def held(moment):
        return {p.position: (p.change.article if p.is_filled else None) for p in front_at(moment)}

    assert held(NOW - timedelta_hours(1))[LEAD] is None
    at_half_past = held(NOW + datetime.timedelta(minutes=30))
    assert (at_half_past[LEAD], at_half_past[TOP_1]) == (first_lead, top)
    at_three = held(NOW + timedelta_hours(3))
    assert (at_three[LEAD], at_three[TOP_1]) == (second_lead, None)  # the top slot had expired
    assert held(NOW + timedelta_hours(5))[LEAD] is None
    who = [p.change.changed_by for p in front_at(NOW + timedelta_hours(1)) if p.position == LEAD]
    assert who == [second_editor]
    assert FrontSlotChange.objects.count() == 4


def timedelta_hours(hours):
    return datetime.timedelta(hours=hours)
