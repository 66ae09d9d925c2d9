"""What the desk's front page shows each person: their work, what waits, what went out.

The admin's index template asks for it through the ``desk_home`` tag
(articles/templatetags/desk_home.py).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.text import Truncator

from articles import changes, notes, publishing
from articles.admin.display import person
from articles.models import Article, ArticleAuthor, Correction
from articles.translating import edition_name
from website.editions import edition_languages, is_multilingual

LISTED = 8


@dataclass
class Row:
    article: Article
    note: str = ""


@dataclass
class Edition:
    """One edition's part of a queue: its stories waiting for review, or scheduled."""

    language: str
    title: str
    count: int
    rows: list = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    count: int
    rows: list = field(default_factory=list)
    empty: str = "Nothing here."
    more_url: str = ""
    # With more than one edition, the queues show each edition's stories apart.
    editions: list = field(default_factory=list)


def _listing(queryset):
    return queryset.select_related("section").prefetch_related(
        Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))
    )


def sections_for(user):
    """The desk home of ``user``: editors see the whole desk, journalists their own work first."""
    is_editor = publishing.can_publish(user)
    mine = Article.objects.owned_by(user)
    drafts = mine.filter(status=Article.Status.DRAFT).order_by("-updated_at", "-id")
    review = Article.objects.filter(status=Article.Status.IN_REVIEW)
    if not is_editor:
        review = review.filter(pk__in=mine.values("pk"))
    review = review.order_by("updated_at", "id")
    scheduled = Article.objects.scheduled().order_by("published_at", "id")
    published = Article.objects.published().newest_first()
    corrections = Correction.objects.select_related("article", "created_by").order_by(
        "-created_at", "-id"
    )

    def rows(queryset, note=None):
        return [
            Row(article, note(article) if note else "") for article in _listing(queryset)[:LISTED]
        ]

    def by_edition(queryset, note):
        """Each edition's part of a queue; the section's own rows are then left empty."""
        if not is_multilingual():
            return rows(queryset, note), []
        editions = []
        for language in edition_languages():
            mine = queryset.filter(language=language)
            editions.append(Edition(language, edition_name(language), mine.count()))
            if editions[-1].count:
                editions[-1].rows = rows(mine, note)
        return [], editions

    review_rows, review_editions = by_edition(
        review, lambda a: f"waiting since {changes.display_time(a.updated_at)}"
    )
    scheduled_rows, scheduled_editions = by_edition(
        scheduled,
        lambda a: (
            f"goes live {changes.display_time(a.goes_live_at)} "
            f"(in {changes.time_until(a.goes_live_at)})"
        ),
    )

    unread = notes.unread_receipts(user)
    return [
        Section(
            "notes",
            "Unread notes",
            unread.count(),
            [
                Row(
                    receipt.note.article,
                    f"{person(receipt.note.created_by)}, "
                    f"{changes.display_time(receipt.note.created_at)}: "
                    f"{Truncator(receipt.note.text).chars(140)}",
                )
                for receipt in unread[:LISTED]
            ],
            "No unread notes.",
        ),
        Section(
            "drafts",
            "My drafts",
            drafts.count(),
            rows(drafts, lambda a: f"last saved {changes.display_time(a.updated_at)}"),
            "No drafts: start one with “Add article”.",
        ),
        Section(
            "review",
            "In review" if is_editor else "My stories in review",
            review.count(),
            review_rows,
            "Nothing waits for an editor.",
            editions=review_editions,
        ),
        Section(
            "scheduled",
            "Scheduled next",
            scheduled.count(),
            scheduled_rows,
            "Nothing is scheduled.",
            editions=scheduled_editions,
        ),
        Section(
            "published",
            "Recently published",
            published.count(),
            rows(published, lambda a: f"live since {changes.display_time(a.goes_live_at)}"),
            "Nothing is live yet.",
        ),
        Section(
            "corrections",
            "Recent corrections",
            corrections.count(),
            [
                Row(
                    correction.article,
                    f"{correction.get_kind_display()}, "
                    f"{changes.display_time(correction.created_at)}: {correction.text}",
                )
                for correction in corrections[:LISTED]
            ],
            "No corrections yet.",
        ),
    ]
