"""A picture's file, alt text, caption or credit shows wherever it is used."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from delivery.invalidation import invalidate
from delivery.keys import key
from media.models import Image


@receiver(post_save, sender=Image, dispatch_uid="delivery_image_saved")
@receiver(post_delete, sender=Image, dispatch_uid="delivery_image_deleted")
def image_changed(sender, instance, raw=False, created=False, **kwargs):
    # A new upload is on no page until a story or author uses it (which invalidates then).
    if not raw and not created:
        invalidate({key("image", instance.pk)})
