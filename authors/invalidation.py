"""An author's name, photo or bio is on their page, their stories and every card they sign."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from authors.models import Author, AuthorText
from delivery.invalidation import invalidate
from delivery.keys import ARCHIVE, edition_keys, every_edition, key


@receiver(post_save, sender=Author, dispatch_uid="delivery_author_saved")
@receiver(post_delete, sender=Author, dispatch_uid="delivery_author_deleted")
def author_changed(sender, instance, raw=False, created=False, **kwargs):
    # A new author is on no page until a byline names them (the byline invalidates then).
    if not raw and not created:
        # The name is the same in every edition.
        invalidate(every_edition({key("author", instance.pk), ARCHIVE}))


@receiver(post_save, sender=AuthorText, dispatch_uid="delivery_author_text_saved")
@receiver(post_delete, sender=AuthorText, dispatch_uid="delivery_author_text_deleted")
def author_text_changed(sender, instance, raw=False, **kwargs):
    # A role or bio in one edition is on that edition's pages only.
    if not raw:
        invalidate(edition_keys({key("author", instance.author_id)}, instance.language))
