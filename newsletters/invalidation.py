"""The newsletter pages in the page cache: ``newsletters`` (the list of newsletters),
``newsletter-<pk>`` (a newsletter's archive) and ``edition-<pk>`` (an edition's web page, which
also declares its stories' keys, so a story edited or withdrawn refreshes it)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from delivery.invalidation import invalidate
from delivery.keys import key
from newsletters.models import Edition, Newsletter

NEWSLETTERS = "newsletters"


def newsletter_key(newsletter_pk):
    return key("newsletter", newsletter_pk)


def edition_key(edition_pk):
    return key("edition", edition_pk)


@receiver(post_save, sender=Newsletter, dispatch_uid="newsletters_newsletter_saved")
@receiver(post_delete, sender=Newsletter, dispatch_uid="newsletters_newsletter_deleted")
def newsletter_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({NEWSLETTERS, newsletter_key(instance.pk)})


@receiver(post_save, sender=Edition, dispatch_uid="newsletters_edition_saved")
@receiver(post_delete, sender=Edition, dispatch_uid="newsletters_edition_deleted")
def edition_changed(sender, instance, raw=False, **kwargs):
    """Only sent editions are public: sending one, or changing or deleting it, shows."""
    if not raw and instance.status == Edition.Status.SENT:
        invalidate({NEWSLETTERS, newsletter_key(instance.newsletter_id), edition_key(instance.pk)})
