"""Published updates and their corrections refresh every page that shows the story.

The article page, the poll answer and the feed of updates all carry ``article-<pk>`` and
``live-<pk>``; a change to a draft or submitted update is on no public page. Starting and ending
coverage invalidates the story's cards from the service (live/services.py).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from delivery.changes import note, noted
from delivery.invalidation import invalidate
from delivery.keys import key
from live.models import LiveUpdate, LiveUpdateCorrection


def story_keys(article_id):
    return {key("article", article_id), key("live", article_id)}


@receiver(pre_save, sender=LiveUpdate, dispatch_uid="live_update_saving")
def note_status(sender, instance, raw, **kwargs):
    if not raw and instance.pk is not None:
        before = LiveUpdate.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        note(LiveUpdate, instance.pk, "status", before)


@receiver(post_save, sender=LiveUpdate, dispatch_uid="live_update_saved")
def update_saved(sender, instance, raw, **kwargs):
    published = LiveUpdate.Status.PUBLISHED
    if not raw and published in (instance.status, noted(LiveUpdate, instance.pk, "status")):
        invalidate(story_keys(instance.article_id))


@receiver(post_delete, sender=LiveUpdate, dispatch_uid="live_update_deleted")
def update_deleted(sender, instance, **kwargs):
    if instance.status == LiveUpdate.Status.PUBLISHED:
        invalidate(story_keys(instance.article_id))


@receiver(m2m_changed, sender=LiveUpdate.authors.through, dispatch_uid="live_update_byline")
def update_byline_changed(sender, instance, action, reverse, **kwargs):
    if action.startswith("post_") and not reverse:
        if instance.status == LiveUpdate.Status.PUBLISHED:
            invalidate(story_keys(instance.article_id))


@receiver(post_save, sender=LiveUpdateCorrection, dispatch_uid="live_correction_saved")
def correction_saved(sender, instance, raw, **kwargs):
    if not raw:
        invalidate(story_keys(instance.update.article_id))
