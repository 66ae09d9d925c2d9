"""Newsletters and their editions: what editors compose and send."""

from email.utils import formataddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse


def one_line(value):
    """Header fields (subject, sender name) are one line: a line break would start a header."""
    if value and any(character in value for character in "\r\n\x00\u2028\u2029\x85"):
        raise ValidationError("Write this on one line: line breaks are not allowed here.")


class Newsletter(models.Model):
    class Kind(models.TextChoices):
        DIGEST = "digest", "Digest: editions composed in the desk"
        ALERTS = "alerts", "Breaking alerts: one story each, sent as it goes live"

    name = models.CharField(max_length=100, unique=True, validators=[one_line])
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DIGEST)
    description = models.TextField(help_text="What readers get and how often, on the sign-up form.")
    sender_name = models.CharField(max_length=100, validators=[one_line])
    sender_address = models.EmailField()
    reply_to = models.EmailField(blank=True, help_text="Where readers' replies go; empty: sender.")
    language = models.CharField(
        max_length=10, blank=True, help_text="Language of its emails; empty: the site's language."
    )
    is_offered = models.BooleanField(
        "offered to readers", default=True, help_text="Listed on the sign-up forms."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Smallest first.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsletters:archive", kwargs={"slug": self.slug})

    @property
    def sender(self):
        return formataddr((self.sender_name, self.sender_address))

    @property
    def email_language(self):
        return self.language or settings.SITE_LANGUAGE


class Edition(models.Model):
    """One send of a newsletter: a digest an editor composed, or a breaking alert for a story."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        WAITING = "waiting", "Waiting for its story to go live"
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Not sent"

    newsletter = models.ForeignKey(Newsletter, on_delete=models.PROTECT, related_name="editions")
    subject = models.CharField(max_length=200, validators=[one_line])
    intro = models.TextField(
        blank=True, help_text="A few lines above the stories; a blank line starts a paragraph."
    )
    stories = models.ManyToManyField(
        "articles.Article", through="EditionStory", related_name="+", blank=True
    )
    alert_article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="alert for",
        help_text="A breaking alert goes out when this story goes live, never before.",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    send_at = models.DateTimeField("send at", null=True, blank=True)
    outcome = models.CharField(max_length=300, blank=True, help_text="Why it was not sent.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)
    # The moment a delayed check of this send is already queued for: one per edition is enough.
    check_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["newsletter", "status", "-finished_at"], name="edition_archive"),
        ]
        permissions = [("send_edition", "Can send editions and breaking alerts")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("newsletters:edition", kwargs={"slug": self.newsletter.slug, "pk": self.pk})

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED, self.Status.WAITING)

    @property
    def is_alert(self):
        return self.alert_article_id is not None

    def ordered_stories(self):
        return [placement.article for placement in self.placements.select_related("article")]


class AlertManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(alert_article__isnull=False)


class BreakingAlert(Edition):
    """A breaking alert as the desk lists it: an edition tied to one story's go-live."""

    objects = AlertManager()

    class Meta:
        proxy = True
        verbose_name = "breaking alert"

    def __str__(self):
        return self.subject


class EditionStory(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="placements")
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "article"], name="edition_story_once")
        ]
        verbose_name = "story"
        verbose_name_plural = "stories"

    def __str__(self):
        return self.article.headline
