"""The breaking-news banner: one at a time, posted by editors, gone by itself when it expires."""

from django.db import transaction
from django.utils import timezone

from frontpage.models import BreakingBanner, default_banner_expiry
from frontpage.placing import check_may_steer

BANNER_PERMISSION = "frontpage.change_breakingbanner"


def current_banner(now=None):
    """The banner readers see now, or None (the newest one still running)."""
    return BreakingBanner.objects.active(now).only("text", "url", "expires_at").first()


@transaction.atomic
def save_banner(*, banner, editor):
    """Post or amend ``banner``; a running banner replaces any other, which ends now.

    Without an expiry it runs for the default 30 minutes from now.
    """
    check_may_steer(editor, BANNER_PERMISSION)
    if banner.expires_at is None:
        banner.expires_at = default_banner_expiry()
    if banner.pk is None:
        banner.created_by = editor
    banner.full_clean()
    banner.save()
    now = timezone.now()
    if banner.is_active(now):
        # Each ended banner is saved on its own so that its change reaches the page cache.
        for other in BreakingBanner.objects.active(now).exclude(pk=banner.pk).select_for_update():
            other.expires_at = now
            other.save(update_fields=["expires_at"])
    return banner


@transaction.atomic
def end_banner(*, banner, editor):
    """Take ``banner`` down now (it stays on record)."""
    check_may_steer(editor, BANNER_PERMISSION)
    if banner.is_active():
        banner.expires_at = timezone.now()
        banner.save(update_fields=["expires_at"])
    return banner
