"""What the desk attaches to a story: corrections, desk notes and preview links."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models.article import Article


class ArticleNote(models.Model):
    """Words someone on the desk attached to an article, with who and when."""

    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Notes readers may see: those on articles visible to readers."""
        return self.filter(article__in=Article.objects.published())


class Correction(ArticleNote):
    """A typed, timestamped note the desk adds to a published article."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", pgettext_lazy("kind of correction", "Update")
        EDITORS_NOTE = "editors_note", _("Editor’s note")

    # PROTECT: an article with corrections was public, so it is never deleted (see Article.delete).
    article = models.ForeignKey("Article", on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    # Indexed: /corrections/ lists every public note newest first.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta(ArticleNote.Meta):
        pass

    def __str__(self):
        return f"{self.get_kind_display()} on {self.article}"

    def save(self, *args, **kwargs):
        # Append-only: readers saw it. A correction is corrected by a new one.
        if not self._state.adding:
            raise ValidationError(
                "A published correction is never rewritten: add a new one that says what changed.",
                code="correction_is_final",
            )
        super().save(*args, **kwargs)


class DeskNote(ArticleNote):
    """A word between writer and editors on one story, e.g. why it was sent back to draft.

    Notes are the desk's conversation about a story (articles/notes.py): addressed to the
    story's people, each with their own read state, and never shown to readers.
    """

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="desk_notes")
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="NoteReceipt", related_name="+", blank=True
    )

    class Meta(ArticleNote.Meta):
        pass

    def __str__(self):
        return f"Note on {self.article}"


class NoteReceipt(models.Model):
    """One person a desk note is addressed to, and whether they have read it."""

    note = models.ForeignKey(DeskNote, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "user"], name="note_receipt_once_per_person")
        ]
        # The desk home asks every page load for one person's unread notes.
        indexes = [models.Index(fields=["user", "read_at"], name="note_receipt_unread")]

    def __str__(self):
        return f"{self.note} for {self.user}"


def new_preview_key():
    return get_random_string(32)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A signed link that shows one unpublished article to someone without a desk account.

    The address carries a random key signed with the secret key, so a guessed or altered address
    is turned away before the database is asked. It stops working when it expires or is revoked.
    """

    SALT = "articles.preview-link"

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=32, unique=True, default=new_preview_key, editable=False)
    recipient = models.CharField(
        "shared with", max_length=200, help_text='Who it is for, e.g. "our lawyer".'
    )
    expires_at = models.DateTimeField("expires")
    revoked_at = models.DateTimeField("revoked", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Preview of {self.article} for {self.recipient}"

    def get_absolute_url(self):
        return reverse("articles:shared_preview", kwargs={"token": self.token})

    @property
    def token(self):
        return signing.Signer(salt=self.SALT).sign(self.key)

    @classmethod
    def key_from_token(cls, token):
        """The key inside a well-signed token, or None for anything else."""
        try:
            return signing.Signer(salt=cls.SALT).unsign(token)
        except signing.BadSignature:
            return None

    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
