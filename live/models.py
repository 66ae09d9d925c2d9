"""Live coverage: timestamped updates on an article, newest first, and their corrections."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.fields import SanitizedHTMLField
from articles.models import Article
from articles.sanitizer import sanitize_html

CORRECTION_IS_FINAL = (
    "A correction readers saw is never rewritten or removed: add a new one that says what changed."
)


class LiveUpdateQuerySet(models.QuerySet):
    def published(self):
        """Updates readers may see (on a story that is itself visible: callers check that)."""
        return self.filter(status=LiveUpdate.Status.PUBLISHED, published_at__lte=timezone.now())

    def newest_first(self):
        return self.order_by("-published_at", "-id")

    def for_page(self):
        """What the page, the poll answer and the feed show, in a fixed number of queries."""
        return self.select_related("image", "article").prefetch_related(
            "image__renditions",
            "authors",
            models.Prefetch("corrections", queryset=LiveUpdateCorrection.objects.order_by("id")),
        )


class LiveUpdate(models.Model):
    """One timestamped entry of a live story: written by journalists, published by editors."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        PUBLISHED = "published", "Published"

    # PROTECT: a story with updates readers saw is withdrawn, never deleted.
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="live_updates")
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional short headline; a key event shows it in the summary at the top.",
    )
    body = SanitizedHTMLField(help_text="Cleaned of scripts and unsafe markup on save.")
    authors = models.ManyToManyField("authors.Author", blank=True, related_name="live_updates")
    image = models.ForeignKey(
        "media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_key_event = models.BooleanField(
        "key event", default=False, help_text="Pinned to the key events summary at the top."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    revised_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When a published update last changed."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Counts saves: the console refuses an edit made on an older version.",
    )

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["article", "status", "-published_at", "-id"], name="live_update_newest"
            ),
        ]
        permissions = [("publish_liveupdate", "Can publish live updates")]

    def __str__(self):
        return self.title or self.summary

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"update-{self.pk}"

    @property
    def summary(self):
        """The title, or the start of the text: what the key events list and feeds show."""
        return self.title or Truncator(strip_tags(self.body)).words(16)

    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def byline(self):
        return list(self.authors.all())


class LiveUpdateCorrection(models.Model):
    """A note shown on a published update saying what was wrong; append-only like Correction."""

    update = models.ForeignKey(LiveUpdate, on_delete=models.PROTECT, related_name="corrections")
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
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Correction on {self.update}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(CORRECTION_IS_FINAL, code="correction_is_final")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(CORRECTION_IS_FINAL, code="correction_is_final")


class LiveStory(Article):
    """Articles as the live desk sees them: the entry to each story's live console."""

    class Meta:
        proxy = True
        verbose_name = "live story"
        verbose_name_plural = "live coverage"
