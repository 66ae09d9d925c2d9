import math
import re

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.formats import date_format
from django.utils.html import strip_tags
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from articles.fields import SanitizedHTMLField
from articles.pagination import paginate_by_cursor
from articles.sanitizer import sanitize_html
from media.models import caption_with_credit
from website.addresses import slug_address

# An adult reads non-fiction silently at about 238 words a minute (Brysbaert, 2019).
WORDS_PER_MINUTE = 238
# Blocks a paragraph can sit inside; the inline related box never goes inside one of them.
NESTING_BLOCKS = {"blockquote", "ul", "ol", "li", "table", "figure", "aside", "div", "pre"}
BLOCK_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^>]*>", re.IGNORECASE)
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


def count_words(html):
    return len(strip_tags(html).split())


def reading_minutes(word_count):
    """Whole minutes, rounded up; even a brief item takes a reader a minute, never zero."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


def top_level_paragraph_ends(html):
    """Where each paragraph that is not inside a list, quote or table ends, in order."""
    ends, depth = [], 0
    for match in BLOCK_TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if name in NESTING_BLOCKS:
            depth = max(0, depth - 1) if closing else depth + 1
        elif name == "p" and closing and depth == 0:
            ends.append(match.end())
    return ends


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

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.published_at = getattr(self, self.article_field).published_at
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)


class TaggedArticle(ListEntry, TaggedItemBase):
    """Tags point at articles through a real foreign key, so related-story lookups use an index."""

    article_field = "content_object"

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]
        indexes = [
            models.Index(fields=["tag", "content_object"], name="tagged_article_by_tag"),
            models.Index(
                fields=["tag", "-published_at", "-content_object"], name="tagged_article_newest"
            ),
        ]

    def __str__(self):
        return f"{self.content_object} tagged with {self.tag}"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of "visible to readers": published, and its time has come."""
        now = timezone.now()
        return self.filter(
            models.Q(embargo_until__isnull=True) | models.Q(embargo_until__lte=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )

    def withdrawn(self):
        """Stories readers once saw that the desk has taken down and that are not live again.

        Republishing keeps ``withdrawn_at``: while the story waits in the schedule its address
        still says it was withdrawn, and it stays a story readers saw (never deleted).
        """
        return self.filter(withdrawn_at__isnull=False).exclude(pk__in=self.published().values("pk"))

    def scheduled(self):
        """Published by an editor but not visible yet: its publish time or embargo is ahead."""
        now = timezone.now()
        return self.filter(status=Article.Status.PUBLISHED).filter(
            models.Q(published_at__gt=now) | models.Q(embargo_until__gt=now)
        )

    def embargoed(self):
        return self.filter(embargo_until__gt=timezone.now())

    def owned_by(self, user):
        """Articles ``user`` started or whose byline carries their author profile."""
        in_byline = ArticleAuthor.objects.filter(article=models.OuterRef("pk"), author__user=user)
        return self.filter(models.Q(created_by=user) | models.Exists(in_byline))

    def listed_under(self, relation, **member):
        """The stories in one tag's or one author's list: ``listed_under("bylines", author=a)``.

        ``relation`` names the list's entries (ListEntry). ``newest_first()`` orders by the
        entries' copy of the publish time, which their (member, published_at, article) index
        serves; the walk starts at entries whose time has come, past drafts and scheduled
        stories, and ``published()`` still decides what readers see. The columns are named
        once as aliases, which reuse this join: a later filter() naming the relation would
        join the entries again.
        """
        article_column = self.model._meta.get_field(relation).field.attname
        membership = {f"{relation}__{name}": value for name, value in member.items()}
        return self.filter(
            **membership, **{f"{relation}__published_at__lte": timezone.now()}
        ).alias(
            listed_at=models.F(f"{relation}__published_at"),
            listed_id=models.F(f"{relation}__{article_column}"),
        )

    def newest_first(self):
        """Newest first, the order of every reader's list (see pagination.py for its cursor)."""
        if "listed_at" in self.query.annotations:
            # The same order, told in the list entries' columns so that their index provides it.
            return self.order_by("-listed_at", "-listed_id")
        return self.order_by("-published_at", "-id")

    def with_card_relations(self, *, author_photos=False):
        """The section, lead image and byline a card shows, in a fixed number of queries."""
        # The lead image's row indexes its renditions (media.Image.rendition_index).
        authors = ("author", "author__photo") if author_photos else ("author",)
        return self.select_related("section", "lead_image").prefetch_related(
            models.Prefetch(
                "bylines",
                queryset=ArticleAuthor.objects.select_related(*authors).order_by("position"),
                # A list, not a manager per card: Django builds a queryset for each otherwise.
                to_attr="prefetched_bylines",
            ),
        )

    def for_listing(self, *, author_photos=False):
        """A card's relations and the tags, for lists that name them (feeds, article page)."""
        return self.with_card_relations(author_photos=author_photos).prefetch_related("tags")

    def for_cards(self):
        """Pages of cards, which show neither body nor tags: they stay in the database."""
        return self.with_card_relations().defer("body", "search_document")

    def for_read_more(self):
        """Read more's links, which show headline, teaser and section: no picture or byline."""
        return self.select_related("section").only(
            "headline", "slug", "dek", "section__name", "section__slug"
        )

    def for_search_results(self):
        """Cards whose teaser is quoted from the search document; the body stays behind."""
        return self.with_card_relations().defer("body")

    def for_article_page(self):
        """Everything the article page shows about the article itself, in a fixed query count."""
        # The search document (the body again, as text) is for search results only.
        return (
            self.for_listing(author_photos=True)
            .prefetch_related("corrections")
            .defer("search_document")
        )

    def page(self, cursor, size=20):
        """One page of the newest-first list continuing after ``cursor`` (see pagination.py)."""
        return paginate_by_cursor(self.newest_first(), cursor, size)


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # The search vector is only ever read by the database: no row fetches it.
        return super().get_queryset().defer("search_vector")


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
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_visible_newest"),
            # A section's page walks its own newest-first entries, however large the archive.
            models.Index(
                fields=["section", "status", "-published_at", "-id"],
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
        if getattr(self, "_saved_live", False) and self.is_embargoed():
            # The last guard for any caller: the desk's services and forms refuse it first.
            raise ValidationError(EMBARGO_ON_LIVE_STORY, code="embargo_on_live_story")
        self.slug = self.slug.strip()
        self.body = sanitize_html(self.body)
        self.word_count = count_words(self.body)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if (
            self.status == self.Status.PUBLISHED
            and self.embargo_until is not None
            and self.published_at < self.embargo_until
        ):
            # The embargo is a floor: the story goes live when it lifts, and its publish time
            # says so, so that lists and feeds date it from the moment readers could see it.
            self.published_at = self.embargo_until
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        saved_words = getattr(self, "_saved_words", None)
        if self.is_published() and saved_words is not None and saved_words != self._words():
            self.revised_at = timezone.now()
        written = kwargs.get("update_fields")
        publish_time_moved = (
            not self._state.adding
            and (written is None or "published_at" in written)
            and getattr(self, "_saved_published_at", NOT_LOADED) != self.published_at
        )
        super().save(*args, **kwargs)
        self._saved_words = self._words()
        if publish_time_moved:
            self.tagged_items.update(published_at=self.published_at)
            self.bylines.update(published_at=self.published_at)
        self._saved_published_at = self.published_at
        saved_slug = getattr(self, "_saved_slug", None)
        if saved_slug and saved_slug != self.slug:
            # The old address keeps working: it redirects to the new one.
            ArticleSlug.objects.update_or_create(slug=saved_slug, defaults={"article": self})
        ArticleSlug.objects.filter(slug=self.slug).delete()
        self._saved_slug = self.slug
        self._saved_live = self.is_published()

    def get_absolute_url(self):
        return slug_address("articles:detail", self.slug)

    def delete(self, *args, **kwargs):
        if self.was_ever_public():
            raise ValidationError(NOT_DELETABLE, code="ever_public")
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        # A row fetched without its words (a deferred body) cannot tell later whether they change.
        words_loaded = {"headline", "dek", "body"}.issubset(field_names)
        article._saved_words = article._words() if words_loaded else None
        # Reading a deferred field here would fetch the row again, and so on without end.
        article._saved_slug = article.slug if "slug" in field_names else None
        article._saved_published_at = (
            article.published_at if "published_at" in field_names else NOT_LOADED
        )
        live_fields = {"status", "published_at", "embargo_until"}
        article._saved_live = article.is_published() if live_fields <= set(field_names) else False
        return article

    def _words(self):
        return (self.headline, self.dek, self.body)

    def was_ever_public(self):
        """Whether readers could ever have seen it: then it is withdrawn, never deleted."""
        return (
            self.is_published()
            or self.withdrawn_at is not None
            or (self.pk is not None and self.corrections.exists())
        )

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
    def is_live(self):
        """Whether the story is live coverage now: started and not ended (cards mark it)."""
        return self.live_started_at is not None and self.live_ended_at is None

    @property
    def desk_status(self):
        """Where the story stands for the desk: draft, in review, scheduled or live."""
        if self.status != self.Status.PUBLISHED:
            return self.status
        return "live" if self.is_published() else "scheduled"

    def split_body(self):
        """The body in two parts, where an inline related story fits in reading order.

        After the third paragraph of a long story, the second of a short one; a brief item
        keeps its body whole and the box follows it.
        """
        # Cleaned again on the way out: a row written around the ORM, or before the allow-list
        # last changed, still never reaches a reader unclean.
        body = sanitize_html(self.body)
        closings = top_level_paragraph_ends(body)
        if len(closings) >= 5:
            cut = closings[2]
        elif len(closings) >= 3:
            cut = closings[1]
        else:
            return body, ""
        return body[:cut], body[cut:]

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


class ArticleAuthor(ListEntry):
    """One name in an article's byline, in order, with what they did on this story."""

    article_field = "article"

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
        indexes = [
            models.Index(fields=["author", "-published_at", "-article"], name="byline_newest"),
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
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"
        EDITORS_NOTE = "editors_note", "Editor’s note"

    # PROTECT: an article with corrections was public, so it is never deleted (see Article.delete).
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="corrections")
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

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="desk_notes")
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

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
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


# Every save made in the desk is kept as a revision of the article with its byline, picks and tags
# (see publishing.py and the article admin), so an older version can be compared and restored.
reversion.register(ArticleAuthor)
reversion.register(RelatedArticle)
reversion.register(TaggedArticle)
reversion.register(Correction)
reversion.register(
    Article,
    # Derived or kept through the models followed: the byline, picks, tags and corrections.
    exclude=["search_document", "search_vector", "authors", "related_articles", "tags"],
    follow=["bylines", "picks", "tagged_items", "corrections"],
)
