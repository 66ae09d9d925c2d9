"""The curated top of the front page and the breaking-news banner.

Both expire by themselves: whether a slot or a banner still shows is decided when the page is
read, and the page cache's lifetime ends at the next expiry (``frontpage/invalidation.py``).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone

from articles.models import Article
from website.editions import default_language

BANNER_TEXT_MAX_LENGTH = 120
BANNER_DEFAULT_MINUTES = 30


class FrontSlotQuerySet(models.QuerySet):
    def active(self, now=None):
        """Slots whose placement has not expired (their story may still be out of sight)."""
        now = now or timezone.now()
        return self.filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


class FrontSlot(models.Model):
    """One placed story at the top of one edition's front page; the edition and the position
    are the slot's identity, and the story is always of the slot's edition."""

    class Position(models.IntegerChoices):
        LEAD = 0, "Lead story"
        TOP_1 = 1, "Top story 1"
        TOP_2 = 2, "Top story 2"
        TOP_3 = 3, "Top story 3"
        TOP_4 = 4, "Top story 4"

    # Each edition has its own front: the same position exists once per language.
    language = models.CharField("edition", max_length=12, default=default_language)
    position = models.PositiveSmallIntegerField(choices=Position.choices)
    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="front_slot", verbose_name="story"
    )
    expires_at = models.DateTimeField(
        "until",
        null=True,
        blank=True,
        help_text="After this time the slot falls back to the newest story. Empty: until changed.",
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)

    objects = FrontSlotQuerySet.as_manager()

    class Meta:
        ordering = ["language", "position"]
        verbose_name = "front-page slot"
        constraints = [
            models.UniqueConstraint(
                fields=["language", "position"], name="one_slot_per_position_and_edition"
            ),
        ]

    def __str__(self):
        return f"{self.get_position_display()}: {self.article.headline}"

    def is_active(self, now=None):
        return self.expires_at is None or self.expires_at > (now or timezone.now())


class FrontSlotChange(models.Model):
    """The append-only record of every placement: who put which story where, and until when.

    ``article`` is None when the slot was cleared. The headline is kept as it was, so the record
    still reads right after the story is retitled or deleted.
    """

    language = models.CharField("edition", max_length=12, default=default_language)
    position = models.PositiveSmallIntegerField(choices=FrontSlot.Position.choices)
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    headline = models.CharField(max_length=300, blank=True)
    replaced_headline = models.CharField(
        "replaced",
        max_length=300,
        blank=True,
        help_text="The story this placement (or clearing) took out of the slot while it showed.",
    )
    reason = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = "front-page change"

    def __str__(self):
        what = self.headline or "cleared"
        return f"{self.get_position_display()}: {what}"

    @property
    def is_clearing(self):
        return not self.headline

    @property
    def summary(self):
        """ "Placed “A”, replacing “B”" / "Cleared, replacing “B”: its story was unpublished"."""
        summary = "Cleared" if self.is_clearing else f"Placed “{self.headline}”"
        if self.replaced_headline:
            summary += f", replacing “{self.replaced_headline}”"
        if self.reason:
            summary += f": {self.reason[0].lower()}{self.reason[1:]}"
        return summary


def validate_banner_link(value):
    """A path on this site, or an https address: never another scheme or a protocol-relative one."""
    if value.startswith("/") and not value.startswith(("//", "/\\")):
        if any(character.isspace() for character in value):
            raise ValidationError("A link on this site cannot contain spaces.")
        return
    if not value.startswith("https://"):
        raise ValidationError("Give a path on this site (/news/...) or an https:// address.")
    URLValidator(schemes=["https"], message="Enter a valid https:// address.")(value)


def default_banner_expiry():
    return timezone.now() + datetime.timedelta(minutes=BANNER_DEFAULT_MINUTES)


class BreakingBannerQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())

    def shown(self, now=None):
        """Active banners readers may see: never one leading to a story they cannot see."""
        # Correlated on the banner's one story: a lookup by primary key, never a scan.
        its_story_is_out = models.Exists(
            Article.objects.published().filter(pk=models.OuterRef("article_id"))
        )
        return self.active(now).filter(models.Q(article__isnull=True) | its_story_is_out)


class BreakingBanner(models.Model):
    """A short alert shown above every public page of its edition until it expires."""

    language = models.CharField("edition", max_length=12, default=default_language)
    text = models.CharField(max_length=BANNER_TEXT_MAX_LENGTH)
    url = models.CharField(
        "link",
        max_length=500,
        validators=[validate_banner_link],
        help_text="A path on this site (/news/...) or an https:// address.",
    )
    expires_at = models.DateTimeField(
        "shown until",
        default=default_banner_expiry,
        help_text=f"Readers stop seeing it then (by default {BANNER_DEFAULT_MINUTES} minutes "
        "after it is posted).",
    )
    # The story the link leads to, when it is one of ours: a banner stops when that story does.
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = BreakingBannerQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "breaking-news banner"
        indexes = [models.Index(fields=["expires_at"], name="banner_expires_at")]

    def __str__(self):
        return self.text

    def is_active(self, now=None):
        return self.expires_at > (now or timezone.now())
