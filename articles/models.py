import math

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from articles.pagination import paginate_by_cursor
from articles.sanitizer import sanitize_html
from media.models import caption_with_credit

# An adult reads non-fiction silently at about 238 words a minute (Brysbaert, 2019).
WORDS_PER_MINUTE = 238


def count_words(html):
    return len(strip_tags(html).split())


def reading_minutes(word_count):
    """Whole minutes, rounded up; even a brief item takes a reader a minute, never zero."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


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
        return reverse("articles:section", kwargs={"slug": self.slug})


class TaggedArticle(TaggedItemBase):
    """Tags point at articles through a real foreign key, so related-story lookups use an index."""

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]
        indexes = [models.Index(fields=["tag", "content_object"], name="tagged_article_by_tag")]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of "visible to readers": published, and its time has come."""
        now = timezone.now()
        return self.filter(
            models.Q(embargo_until__isnull=True) | models.Q(embargo_until__lte=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def newest_first(self):
        return self.order_by("-published_at", "-id")

    def for_listing(self):
        """What a card in a list shows, fetched in a fixed number of queries."""
        return self.select_related("section", "lead_image").prefetch_related(
            "lead_image__renditions",
            models.Prefetch(
                "bylines",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
            ),
            "tags",
        )

    def page(self, cursor, size=20):
        """One page of the newest-first list continuing after ``cursor`` (see pagination.py)."""
        return paginate_by_cursor(self.newest_first(), cursor, size)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"

    headline = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    dek = models.TextField(
        "teaser", blank=True, help_text="One or two sentences under the headline."
    )
    body = models.TextField(blank=True, help_text="Cleaned of scripts and unsafe markup on save.")
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
    word_count = models.PositiveIntegerField(default=0, editable=False)
    search_document = models.TextField(
        blank=True,
        editable=False,
        help_text="Dek, body text, tags and author names, for full-text search.",
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

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_visible_newest"),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.slug = self.slug.strip()
        self.body = sanitize_html(self.body)
        self.word_count = count_words(self.body)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        saved_words = getattr(self, "_saved_words", None)
        if self.is_published() and saved_words is not None and saved_words != self._words():
            self.revised_at = timezone.now()
        super().save(*args, **kwargs)
        self._saved_words = self._words()
        saved_slug = getattr(self, "_saved_slug", None)
        if saved_slug and saved_slug != self.slug:
            # The old address keeps working: it redirects to the new one.
            ArticleSlug.objects.update_or_create(slug=saved_slug, defaults={"article": self})
        ArticleSlug.objects.filter(slug=self.slug).delete()
        self._saved_slug = self.slug

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._saved_words = article._words()
        article._saved_slug = article.slug
        return article

    def _words(self):
        return (self.headline, self.dek, self.body)

    def is_published(self):
        """The single-article twin of ``Article.objects.published()``."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.embargo_until is None or self.embargo_until <= now)
        )

    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def reading_minutes(self):
        return reading_minutes(self.word_count)

    @property
    def byline(self):
        """Authors in byline order; uses the prefetch from ``for_listing()`` when present."""
        return [link.author for link in self.bylines.all()]

    @property
    def lead_caption(self):
        return self.lead_image_caption or (self.lead_image.caption if self.lead_image else "")

    @property
    def lead_credit(self):
        return self.lead_image_credit or (self.lead_image.credit if self.lead_image else "")

    @property
    def lead_caption_with_credit(self):
        return caption_with_credit(self.lead_caption, self.lead_credit)


class ArticleAuthor(models.Model):
    """One name in an article's byline, in order, with what they did on this story."""

    class Role(models.TextChoices):
        WRITER = "writer", "Writer"
        PHOTOGRAPHER = "photographer", "Photographer"
        CONTRIBUTOR = "contributor", "Contributor"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("authors.Author", on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.WRITER)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author"),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class RelatedArticle(models.Model):
    """An editor's pick for an article's "Read more", in order."""

    from_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="picks")
    to_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="picked_in")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article"], name="unique_related_article"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_article=models.F("to_article")),
                name="related_article_not_itself",
            ),
        ]

    def __str__(self):
        return f"{self.from_article} → {self.to_article}"


class ArticleSlug(models.Model):
    """A slug an article used to have: its old address answers 301 to the current one."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.slug} → {self.article.slug}"


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Notes readers may see: those on articles visible to readers."""
        return self.filter(article__in=Article.objects.published())


class Correction(models.Model):
    """A typed, timestamped note the desk adds to a published article."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"
        EDITORS_NOTE = "editors_note", "Editor’s note"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.article}"
