"""The demo's front page: the seed story as lead, an expiring top story, a breaking banner;
each other edition's front leads with its translation of the seed story.

The top story and the banner point at the story the desk covers live, when there is one (the
loader adds the live blog first), as a desk would steer readers to a moving story; otherwise at
the newest of the demo's other stories.

Loading the demo again brings them back to this state without adding a second copy: a slot is
recorded anew only when it holds another story or its time had run out.
"""

import datetime

from django.utils import timezone

from articles.models import Article
from frontpage.models import BreakingBanner, FrontSlot
from frontpage.placing import validate_placement, write_placement

EXPIRING_SLOT_HOURS = 4
BANNER_PREFIX = "Live: "
BANNER_HOURS = 2


def ensure_placement(*, position, article, expires_at, editor):
    now = timezone.now()
    language = article.language
    slot = FrontSlot.objects.filter(language=language, position=position).first()
    if slot is not None and slot.article_id == article.pk and slot.is_active(now):
        return slot
    FrontSlot.objects.filter(article=article).exclude(position=position).delete()
    validate_placement(
        position=position, article=article, expires_at=expires_at, now=now, language=language
    )
    return write_placement(
        position=position, article=article, expires_at=expires_at, by=editor, language=language
    )


def place_edition_fronts(*, edition_stories, users):
    """Each other edition's front: its first story (the seed's translation) as lead and its
    newest story of its own among the top stories, as its desk would place them."""
    editor = users.get("editor")
    for stories in edition_stories.values():
        published = [story for story in stories if story.is_published()]
        if not published:
            continue
        lead, *others = published
        ensure_placement(
            position=FrontSlot.Position.LEAD, article=lead, expires_at=None, editor=editor
        )
        if others:
            newest = max(others, key=lambda story: story.published_at)
            ensure_placement(
                position=FrontSlot.Position.TOP_1, article=newest, expires_at=None, editor=editor
            )


def place_demo_front(*, seed_article, stories, users):
    editor = users.get("editor")
    now = timezone.now()
    ensure_placement(
        position=FrontSlot.Position.LEAD, article=seed_article, expires_at=None, editor=editor
    )
    covered_live = (
        Article.objects.published()
        .filter(live_started_at__isnull=False, live_ended_at__isnull=True)
        .order_by("-live_started_at")
        .first()
    )
    others = [story for story in stories if story.is_published() and story != seed_article]
    moving_story = covered_live or (others[0] if others else seed_article)
    if moving_story != seed_article:
        ensure_placement(
            position=FrontSlot.Position.TOP_1,
            article=moving_story,
            expires_at=now + datetime.timedelta(hours=EXPIRING_SLOT_HOURS),
            editor=editor,
        )
    text = (BANNER_PREFIX if covered_live else "") + moving_story.headline
    text = text[: BreakingBanner._meta.get_field("text").max_length]
    banner = BreakingBanner.objects.filter(created_by=editor, text=text).first() or BreakingBanner(
        text=text, created_by=editor
    )
    banner.url = moving_story.get_absolute_url()
    if banner.pk is None or not banner.is_active(now):
        banner.expires_at = now + datetime.timedelta(hours=BANNER_HOURS)
    banner.full_clean()
    banner.save()
    BreakingBanner.objects.active(now).filter(language=banner.language).exclude(
        pk=banner.pk
    ).update(expires_at=now)
