"""The front page's changes reach the page cache, and its expiries bound every page's lifetime.

The front declares ``key("slot", position)`` for every slot and ``FRONT``; every public page
declares ``banner`` (``frontpage.context_processors``). A slot or banner that expires changes
pages with no save at all, so its moment is a go-live for ``delivery.lifetime``; a change of
such a moment invalidates ``SCHEDULE``.
"""

from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from delivery.invalidation import invalidate
from delivery.keys import FRONT, SCHEDULE, every_edition, key
from delivery.lifetime import go_live_wanted
from frontpage.models import BreakingBanner, FrontSlot

BANNER = "banner"


def slot_key(position):
    return key("slot", position)


@receiver(go_live_wanted, dispatch_uid="frontpage_next_expiry")
def next_front_expiry(**kwargs):
    """The next moment a slot or the banner runs out: in every edition."""
    now = timezone.now()
    moments = [
        FrontSlot.objects.filter(expires_at__gt=now).aggregate(moment=Min("expires_at"))["moment"],
        BreakingBanner.objects.filter(expires_at__gt=now).aggregate(moment=Min("expires_at"))[
            "moment"
        ],
    ]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


@receiver(post_save, sender=FrontSlot, dispatch_uid="frontpage_slot_saved")
@receiver(post_delete, sender=FrontSlot, dispatch_uid="frontpage_slot_deleted")
def slot_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        # A slot is on no edition's front in particular: every edition's front is dropped.
        invalidate({slot_key(instance.position), *every_edition({FRONT, SCHEDULE})})


@receiver(post_save, sender=BreakingBanner, dispatch_uid="frontpage_banner_saved")
@receiver(post_delete, sender=BreakingBanner, dispatch_uid="frontpage_banner_deleted")
def banner_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({BANNER, *every_edition({SCHEDULE})})
