"""Sections and the article itself: its words, its states and its one save()."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from taggit.managers import TaggableManager

from articles.fields import SanitizedHTMLField
from articles.models.lists import ArticleSlug, TaggedArticle
from articles.models.queries import PUBLISHED, ArticleManager, is_visible_to_readers
from articles.models.text import (
    count_words,
    opening_paragraph,
    reading_minutes,
    top_level_paragraph_ends,
)
from articles.sanitizer import sanitize_html
from delivery.changes import one_change
from media.galleries import GALLERY_MARK, gallery_image_ids, render_galleries
from media.models import Image, caption_with_credit
from website.addresses import slug_address
from website.editions import default_language

# A field value an instance never read from its row (deferred, or never saved).
NOT_LOADED = object()

EMBARGO_ON_LIVE_STORY = (
    "This story is live: an embargo cannot take it off the site. To take it down, use "
    "“Unpublish” (its address will then tell readers it was withdrawn); to hold it until a "
    "time, unpublish it, set the embargo and schedule it again."
)
NOT_DELETABLE = (
    "Readers have seen this story, so it cannot be deleted: what a reader saw is never lost. "
    "Unpublish it instead; its address will then tell readers it was withdrawn (410 Gone) and "
    "its corrections stay on record."
)


class Section(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the site navigation, smallest first."
    )
    in_navigation = models.BooleanField("shown in navigation", default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_address("articles:section", self.slug)


class SectionName(models.Model):
    """A section's name and description in one edition's language; without one, an edition
    shows the section's own."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(max_length=12)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["section", "language"], name="one_section_name_per_language"
            ),
        ]

    def __str__(self):
        return f"{self.section}: {self.name} ({self.language})"


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = PUBLISHED, "Published"

    headline = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    # The edition the story belongs to; its translations are other rows sharing its key.
    language = models.CharField(max_length=12, default=default_language)
    translation_key = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        help_text="Shared by a story and its translations, one per language.",
    )
    dek = models.TextField(
        "teaser", blank=True, help_text="One or two sentences under the headline."
    )
    body = SanitizedHTMLField(
        blank=True, help_text="Cleaned of scripts, unsafe markup and images from other hosts."
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    tags = TaggableManager(through=TaggedArticle, blank=True)
    authors = models.ManyToManyField(
        "authors.Author", through="ArticleAuthor", related_name="articles", blank=True
    )
    lead_image = models.ForeignKey(
        "media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_caption = models.TextField(
        blank=True, help_text="Overrides the image's own caption for this article only."
    )
    lead_image_credit = models.CharField(
        max_length=200,
        blank=True,
        help_text="Overrides the image's own credit for this article only.",
    )
    # Derived from the body on save: the library images its galleries show, so the image
    # library can tell which stories use a picture (articles.image_use) and search and caches
    # can find them (articles.signals, media.invalidation) without reading every body.
    gallery_images = models.ManyToManyField(
        "media.Image", related_name="+", blank=True, editable=False
    )
    related_articles = models.ManyToManyField(
        "self",
        through="RelatedArticle",
        symmetrical=False,
        related_name="+",
        blank=True,
        help_text="Editor's picks for “Read more”, in order.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="In the future, the article is scheduled: readers see it from then on.",
    )
    embargo_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        help_text="Nobody can publish before this time; publishing earlier schedules it for then.",
    )
    withdrawn_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a story readers had seen was taken down; its address then answers 410.",
    )
    revised_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        editable=False,
        help_text="When the words last changed after publication.",
    )
    # Live coverage: set by the live app's services, never by a form.
    live_started_at = models.DateTimeField(
        "live coverage started", null=True, blank=True, editable=False
    )
    live_ended_at = models.DateTimeField(
        "live coverage ended", null=True, blank=True, editable=False
    )
    live_updated_at = models.DateTimeField(
        "latest live update",
        null=True,
        blank=True,
        editable=False,
        help_text="When the newest update of its live coverage was published.",
    )
    live_poll_seconds = models.PositiveSmallIntegerField(
        "live poll interval",
        null=True,
        blank=True,
        editable=False,
        help_text="Seconds between readers' checks for new updates; empty for the site's default.",
    )
    word_count = models.PositiveIntegerField(default=0, editable=False)
    search_document = models.TextField(
        blank=True,
        editable=False,
        help_text="Dek, body text, tags, author names and lead-image words, for full-text search.",
    )
    # Filled on PostgreSQL from the headline and search_document (articles.search), GIN-indexed.
    search_vector = SearchVectorField(null=True, editable=False)
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
        help_text="Counts saves: the desk refuses a save made from a form opened on an older one.",
    )

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "language"], name="one_translation_per_language"
            ),
        ]
        indexes = [
            # Each edition's newest-first list walks its own entries, however large the others.
            models.Index(
                fields=["language", "status", "-published_at", "-id"],
                name="article_visible_newest",
            ),
            # A section's page walks its own newest-first entries, however large the archive.
            models.Index(
                fields=["section", "language", "status", "-published_at", "-id"],
                name="article_section_newest",
            ),
            # The sitemaps' latest change, read from the top of this index.
            models.Index(Coalesce("revised_at", "published_at").desc(), name="article_lastmod"),
            # The desk's list, last saved first.
            models.Index(fields=["-updated_at", "-id"], name="article_desk_recent"),
            # The desk's count of scheduled stories reads embargoes from here, not from every row.
            models.Index(
                fields=["embargo_until"],
                name="article_embargoed",
                condition=models.Q(embargo_until__isnull=False),
            ),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        """Derive what comes from the row itself; the rules of a change are the services'
        (``articles.writing``). One save is one change for readers (``delivery.changes``)."""
        # A headline is one line, however it was typed or pasted into the desk's text box.
        self.headline = " ".join(self.headline.split())
        self.slug = self.slug.strip()
        self.body = sanitize_html(self.body)
        self.word_count = count_words(self.body)
        written = kwargs.get("update_fields")
        writes_publish_time = written is None or "published_at" in written
        publish_time_moved = (
            not self._state.adding
            and writes_publish_time
            and getattr(self, "_saved_published_at", NOT_LOADED) != self.published_at
        )
        edition_moved = (
            not self._state.adding
            and (written is None or "language" in written)
            and getattr(self, "_saved_language", NOT_LOADED) != self.language
        )
        # A row loaded without its body, or made elsewhere, may have had gallery rows.
        had_gallery = getattr(self, "_had_gallery", not self._state.adding)
        with one_change():
            super().save(*args, **kwargs)
            if publish_time_moved or edition_moved:
                # Tag and author pages read their entries' copy of the time and edition.
                copied = {"published_at": self.published_at, "language": self.language}
                self.tagged_items.update(**copied)
                self.bylines.update(**copied)
            saved_slug = getattr(self, "_saved_slug", None)
            if saved_slug and saved_slug != self.slug:
                # The old address keeps working: it redirects to the new one.
                ArticleSlug.objects.update_or_create(slug=saved_slug, defaults={"article": self})
            ArticleSlug.objects.filter(slug=self.slug).delete()
            if written is None or "body" in written:
                self.keep_gallery_images(had_gallery)
        if writes_publish_time:
            self._saved_published_at = self.published_at
        if written is None or "language" in written:
            self._saved_language = self.language
        self._saved_slug = self.slug

    def get_absolute_url(self):
        # A story lives in its own edition, whichever page links it.
        return slug_address("articles:detail", self.slug, self.language)

    def delete(self, *args, **kwargs):
        if self.was_ever_public():
            raise ValidationError(NOT_DELETABLE, code="ever_public")
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        # What save() compares with to keep old addresses and list entries right. Reading a
        # deferred field here would fetch the row again, and so on without end.
        article._saved_slug = article.slug if "slug" in field_names else None
        article._saved_published_at = (
            article.published_at if "published_at" in field_names else NOT_LOADED
        )
        article._saved_language = article.language if "language" in field_names else NOT_LOADED
        if "body" in field_names:
            article._had_gallery = GALLERY_MARK in article.body
        return article

    def keep_gallery_images(self, had_gallery=True):
        """Record which library images the body's galleries show (``gallery_images``)."""
        ids = gallery_image_ids(self.body)
        # A body that had no gallery and has none has no rows to change: no query.
        if ids or had_gallery:
            self.gallery_images.set(Image.objects.filter(pk__in=ids))
        self._had_gallery = bool(ids)

    def was_ever_public(self):
        """Whether readers could ever have seen it: then it is withdrawn, never deleted."""
        return (
            self.is_published()
            or self.withdrawn_at is not None
            or (self.pk is not None and self.corrections.exists())
        )

    def is_published(self):
        """The single-article twin of ``Article.objects.published()``."""
        return is_visible_to_readers(
            status=self.status,
            published_at=self.published_at,
            embargo_until=self.embargo_until,
            now=timezone.now(),
        )

    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def is_embargoed(self):
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    def is_owned_by(self, user):
        """The single-article twin of ``Article.objects.owned_by()``."""
        if self.pk is None or self.created_by_id == user.pk:
            return True
        return self.bylines.filter(author__user=user).exists()

    @property
    def goes_live_at(self):
        """When readers first see a published article: its publish time, or the embargo's end."""
        if self.status != self.Status.PUBLISHED or self.published_at is None:
            return None
        return max(self.published_at, self.embargo_until or self.published_at)

    @property
    def last_changed_at(self):
        """When readers last saw the story change: its words, a correction or a live update."""
        moments = [self.published_at, self.revised_at, self.live_updated_at]
        moments = [moment for moment in moments if moment is not None]
        return max(moments) if moments else None

    @property
    def is_live(self):
        """Whether the story is live coverage now: started and not ended (cards mark it)."""
        return self.live_started_at is not None and self.live_ended_at is None

    @property
    def desk_status(self):
        """Where the story stands for the desk: draft, in review, scheduled or live."""
        if self.status != self.Status.PUBLISHED:
            return self.status
        return "live" if self.is_published() else "scheduled"

    def clean_body(self):
        """The body as readers get it, its galleries drawn from their pictures' renditions.

        Cleaned again on the way out: a row written around the ORM, or before the allow-list
        last changed, still never reaches a reader unclean."""
        return render_galleries(sanitize_html(self.body))

    def split_body(self, body=None):
        """The body (or ``body``, the cleaned body as the page renders it) in two parts, where
        an inline related story fits in reading order.

        After the third paragraph of a long story, the second of a short one; a brief item
        keeps its body whole and the box follows it.
        """
        body = self.clean_body() if body is None else body
        closings = top_level_paragraph_ends(body)
        if len(closings) >= 5:
            cut = closings[2]
        elif len(closings) >= 3:
            cut = closings[1]
        else:
            return body, ""
        return body[:cut], body[cut:]

    def has_gallery(self):
        return GALLERY_MARK in self.body

    @property
    def teaser(self):
        """The dek, or for a story without one its opening paragraph: what introduces a lead
        story. Cards are fetched without their bodies: a lead without a dek costs a query."""
        return self.dek or opening_paragraph(self.body)

    @property
    def reading_minutes(self):
        return reading_minutes(self.word_count)

    def byline_links(self):
        """The article's bylines in order, from the card prefetch (``with_card_relations()``)
        or another prefetch of ``bylines`` when there is one."""
        links = self.__dict__.get("prefetched_bylines")
        return self.bylines.all() if links is None else links

    @property
    def byline(self):
        """Authors in byline order; uses the prefetch from ``for_listing()`` when present."""
        return [link.author for link in self.byline_links()]

    @property
    def lead_caption(self):
        return self.lead_image_caption or (self.lead_image.caption if self.lead_image else "")

    @property
    def lead_credit(self):
        return self.lead_image_credit or (self.lead_image.credit if self.lead_image else "")

    @property
    def lead_caption_with_credit(self):
        return caption_with_credit(self.lead_caption, self.lead_credit)


class ArticleChoice(Article):
    """An article as the desk's pickers list it: headline, state, time and section."""

    class Meta:
        proxy = True

    def __str__(self):
        when = self.goes_live_at
        shown = date_format(timezone.localtime(when), "j M Y, H:i T") if when else "not scheduled"
        state = "live" if self.is_published() else self.desk_status.replace("_", " ")
        return f"{self.headline} — {state} {shown}, {self.section}"
