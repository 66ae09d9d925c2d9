"""Share links: an unpublished article shown to someone without a desk account."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import PreviewLink


def create_preview_link(*, article, editor, recipient, expires_at):
    """A share link for someone without an account, e.g. a source, a lawyer or a translator."""
    if not editor.has_perm("articles.add_previewlink"):
        raise PermissionDenied("Only editors can share preview links.")
    if expires_at <= timezone.now():
        raise ValidationError("A preview link must expire in the future.")
    return PreviewLink.objects.create(
        article=article, recipient=recipient, expires_at=expires_at, created_by=editor
    )


def revoke_preview_link(*, link, editor):
    """Stop a share link working, at once."""
    if not editor.has_perm("articles.change_previewlink"):
        raise PermissionDenied("Only editors can revoke preview links.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link
