"""What joins an article to others: its tags, byline, editor's picks and old addresses."""

from django.db import models
from taggit.models import TaggedItemBase

from website.editions import default_language


class ListEntry(models.Model):
    """A story's place in one tag's or one author's list, with a copy of its publish time.

    The copy lets the list be read newest first from its own (member, published_at, article)
    index: ordering by the article's own time would walk the whole archive's newest-first
    index and check each story for membership, which at 100,000 stories reads thousands of
    rows for a tag on one story in fifty. The copy is written here and by ``Article.save()``
    whenever the story's time moves; a write that skips both (``QuerySet.update()``, which the
    desk's services never use) would leave the story in its old place in these lists.
    """

    article_field = None

    published_at = models.DateTimeField(null=True, editable=False)
    # The story's edition, copied for the same reason: each edition's list is its own index range.
    language = models.CharField(max_length=12, default=default_language, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        article = getattr(self, self.article_field)
        self.published_at = article.published_at
        self.language = article.language
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "published_at", "language"}
        super().save(*args, **kwargs)


class TaggedArticle(ListEntry, TaggedItemBase):
    """Tags point at articles through a real foreign key, so lookups both ways use an index:
    an article's tags through (article, tag), a tag's stories newest first through
    (tag, publish time, article), for its page, its sitemap entry and Read more."""

    article_field = "content_object"

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]
        indexes = [
            models.Index(
                fields=["tag", "language", "-published_at", "-content_object"],
                name="tagged_article_newest",
            ),
        ]

    def __str__(self):
        return f"{self.content_object} tagged with {self.tag}"


class ArticleAuthor(ListEntry):
    """One name in an article's byline, in order, with what they did on this story."""

    article_field = "article"

    class Role(models.TextChoices):
        WRITER = "writer", "Writer"
        PHOTOGRAPHER = "photographer", "Photographer"
        CONTRIBUTOR = "contributor", "Contributor"

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("authors.Author", on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.WRITER)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author"),
        ]
        indexes = [
            models.Index(
                fields=["author", "language", "-published_at", "-article"], name="byline_newest"
            ),
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class RelatedArticle(models.Model):
    """An editor's pick for an article's "Read more", in order."""

    from_article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="picks")
    to_article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="picked_in")
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


class TagName(models.Model):
    """A tag's name in one edition's language; without one, an edition shows the tag's own."""

    tag = models.ForeignKey("taggit.Tag", on_delete=models.CASCADE, related_name="names")
    language = models.CharField(max_length=12)
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tag", "language"], name="one_tag_name_per_language"),
        ]

    def __str__(self):
        return f"{self.tag}: {self.name} ({self.language})"


class ArticleSlug(models.Model):
    """A slug an article used to have: its old address answers 301 to the current one."""

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.slug} → {self.article.slug}"
