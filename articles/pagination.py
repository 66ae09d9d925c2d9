"""Newest-first lists continued from a cursor rather than a page number.

The cursor is the last item's publish time and id. Stories published between two clicks of
"Show more" land above the cursor, so the next page neither repeats nor skips anything, and the
query seeks through the (status, published_at, id) index however deep a reader goes; a tag's
or an author's list seeks through its own (member, published_at, article) index.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.db.models import Q

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
ONE_MICROSECOND = datetime.timedelta(microseconds=1)
CURSOR_PATTERN = re.compile(r"^(-?\d{1,18})-(\d{1,18})$")


class InvalidCursor(BadRequest):
    """A reader's damaged link: views answer it with the 400 page, it is not an error of ours."""


@dataclass(frozen=True)
class CursorPage:
    items: list
    next_cursor: str | None

    @property
    def has_next(self):
        return self.next_cursor is not None


def encode_cursor(article):
    microseconds = (article.published_at - EPOCH) // ONE_MICROSECOND
    return f"{microseconds}-{article.pk}"


def decode_cursor(cursor):
    match = CURSOR_PATTERN.match(cursor)
    if not match:
        raise InvalidCursor("This list position is not valid.")
    try:
        published_at = EPOCH + int(match[1]) * ONE_MICROSECOND
    except OverflowError as error:
        raise InvalidCursor("This list position is not valid.") from error
    return published_at, int(match[2])


def paginate_by_cursor(queryset, cursor, size):
    """``queryset`` must already be ordered newest first by (published_at, id), or by a list
    entry's copies of them (``ArticleQuerySet.newest_first``): the cursor seeks on those."""
    if cursor:
        published_at, pk = decode_cursor(cursor)
        time_field, id_field = (name.removeprefix("-") for name in queryset.query.order_by)
        # The first condition repeats what the others imply: it bounds the index scan, which
        # a disjunction alone would not.
        queryset = queryset.filter(
            Q(**{f"{time_field}__lte": published_at})
            & (
                Q(**{f"{time_field}__lt": published_at})
                | Q(**{time_field: published_at, f"{id_field}__lt": pk})
            )
        )
    items = list(queryset[: size + 1])
    next_cursor = encode_cursor(items[size - 1]) if len(items) > size else None
    return CursorPage(items=items[:size], next_cursor=next_cursor)
