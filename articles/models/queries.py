"""The one place that says which articles readers see, and how lists read them."""

from django.db import models
from django.utils import timezone

from articles.models.lists import ArticleAuthor
from articles.pagination import paginate_by_cursor
from website.editions import current_edition

PUBLISHED = "published"


def visible_to_readers(now):
    """The one definition of "visible to readers", as a condition on rows: published, its
    publish time come and no embargo left. ``is_visible_to_readers`` says it of one story."""
    return models.Q(
        models.Q(embargo_until__isnull=True) | models.Q(embargo_until__lte=now),
        status=PUBLISHED,
        published_at__lte=now,
    )


def is_visible_to_readers(*, status, published_at, embargo_until, now):
    """``visible_to_readers`` for one story's values (a row, or what a row was before a save)."""
    return (
        status == PUBLISHED
        and published_at is not None
        and published_at <= now
        and (embargo_until is None or embargo_until <= now)
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The stories readers see: the one definition of it, ``visible_to_readers``."""
        return self.filter(visible_to_readers(timezone.now()))

    def in_edition(self, language=None):
        """The stories of one edition: ``language``'s, or the page's own when not named."""
        return self.filter(language=language or current_edition())

    def withdrawn(self):
        """Stories readers once saw that the desk has taken down and that are not live again.

        Republishing keeps ``withdrawn_at``: while the story waits in the schedule its address
        still says it was withdrawn, and it stays a story readers saw (never deleted).
        """
        return self.filter(withdrawn_at__isnull=False).exclude(pk__in=self.published().values("pk"))

    def scheduled(self):
        """Published by an editor but not visible yet: its publish time or embargo is ahead."""
        now = timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED).filter(
            models.Q(published_at__gt=now) | models.Q(embargo_until__gt=now)
        )

    def embargoed(self):
        return self.filter(embargo_until__gt=timezone.now())

    def owned_by(self, user):
        """Articles ``user`` started or whose byline carries their author profile."""
        in_byline = ArticleAuthor.objects.filter(article=models.OuterRef("pk"), author__user=user)
        return self.filter(models.Q(created_by=user) | models.Exists(in_byline))

    def listed_under(self, relation, *, edition=None, **member):
        """The stories in one tag's or one author's list in one edition (the page's own unless
        ``edition`` names another): ``listed_under("bylines", author=a)``.

        ``relation`` names the list's entries (ListEntry). ``newest_first()`` orders by the
        entries' copy of the publish time, which their (member, published_at, article) index
        serves; the walk starts at entries whose time has come, past drafts and scheduled
        stories, and ``published()`` still decides what readers see. The columns are named
        once as aliases, which reuse this join: a later filter() naming the relation would
        join the entries again.
        """
        article_column = self.model._meta.get_field(relation).field.attname
        membership = {f"{relation}__{name}": value for name, value in member.items()}
        membership[f"{relation}__language"] = edition or current_edition()
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
            "headline", "slug", "language", "dek", "section__name", "section__slug"
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
