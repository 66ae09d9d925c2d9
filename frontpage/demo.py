"""The demo's front page: the seed story as lead, an expiring top story, a breaking banner.

Loading the demo again brings them back to this state without adding a second copy: a slot is
recorded anew only when it holds another story or its time had run out.
"""

import datetime

from django.dispatch import receiver
from django.utils import timezone

from articles.demo.loader import demo_loaded
from frontpage.models import BreakingBanner, FrontSlot
from frontpage.placing import validate_placement, write_placement

EXPIRING_SLOT_HOURS = 4
BANNER_TEXT = "North Korea sends nearly 15,000 migrants to Russia, WSJ reports"
BANNER_HOURS = 2


def ensure_placement(*, position, article, expires_at, editor):
    now = timezone.now()
    slot = FrontSlot.objects.filter(position=position).first()
    if slot is not None and slot.article_id == article.pk and slot.is_active(now):
        return slot
    FrontSlot.objects.filter(article=article).exclude(position=position).delete()
    validate_placement(position=position, article=article, expires_at=expires_at, now=now)
    return write_placement(position=position, article=article, expires_at=expires_at, by=editor)


@receiver(demo_loaded, dispatch_uid="frontpage_demo")
def place_demo_front(sender, *, seed_article, stories, users, **kwargs):
    editor = users.get("editor")
    now = timezone.now()
    ensure_placement(
        position=FrontSlot.Position.LEAD, article=seed_article, expires_at=None, editor=editor
    )
    others = [story for story in stories if story.is_published() and story != seed_article]
    if others:
        ensure_placement(
            position=FrontSlot.Position.TOP_1,
            article=others[0],
            expires_at=now + datetime.timedelta(hours=EXPIRING_SLOT_HOURS),
            editor=editor,
        )
    banner = BreakingBanner.objects.filter(text=BANNER_TEXT).first() or BreakingBanner(
        text=BANNER_TEXT, created_by=editor
    )
    banner.url = seed_article.get_absolute_url()
    if banner.pk is None or not banner.is_active(now):
        banner.expires_at = now + datetime.timedelta(hours=BANNER_HOURS)
    banner.full_clean()
    banner.save()
    BreakingBanner.objects.active(now).exclude(pk=banner.pk).update(expires_at=now)
