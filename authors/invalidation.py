"""An author's name, photo or bio is on their page, their stories and every card they sign."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from authors.models import Author
from delivery.invalidation import invalidate
from delivery.keys import ARCHIVE, key


@receiver(post_save, sender=Author, dispatch_uid="delivery_author_saved")
@receiver(post_delete, sender=Author, dispatch_uid="delivery_author_deleted")
def author_changed(sender, instance, raw=False, created=False, **kwargs):
    # A new author is on no page until a byline names them (the byline invalidates then).
    if not raw and not created:
        invalidate({key("author", instance.pk), ARCHIVE})
