"""The one writer of an article's row for every service, and the rules each such write keeps.

Publishing, the desk form's save, autosave, restoring a version, corrections and live coverage
all lock the row (``locked``), change that copy, and write it here, once per change:

- a published story gets a publish time (now, when none was given), never before its embargo:
  the embargo is a floor, and the publish time says when readers first see the story, so lists
  and feeds date it from then;
- a story readers can see is never put under an embargo (taking it down is "Unpublish", which
  tells its readers it was withdrawn);
- ``version`` counts the writes: a form or an autosave working from an older one is refused;
- ``revised_at`` ("Updated" for readers) moves when the words of a story readers see change.

What is derived from the row itself (the cleaned body, its word count, the list entries' copy
of the publish time, old addresses) is ``Article.save()``'s; search documents and cache
invalidation follow through signals, once per change (``delivery.changes``). Embed links in
the body are queued for the worker here (``embeds.resolver``).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import EMBARGO_ON_LIVE_STORY, Article
from embeds.resolver import queue_embeds

WORDS = ("headline", "dek", "body")
# A story's words and what travels with them: what a restored revision brings back and what a
# translation starts from. State, times, slug, picks and notes are never among them.
CONTENT = (
    *WORDS,
    "section_id",
    "lead_image_id",
    "lead_image_caption",
    "lead_image_credit",
)
# Moved by the rules above, so written whenever they may have moved.
ALWAYS_WRITTEN = ("updated_at", "version", "published_at", "revised_at")


def locked(article):
    """The article's row as it stands now, locked until the transaction ends.

    Services change this copy, never the caller's, so a list action working from a page loaded
    a minute ago cannot write back what someone else has changed since.
    """
    return Article.objects.select_for_update().get(pk=article.pk)


def write_article(article, *, stored=None, fields=None):
    """Write ``article`` — only ``fields`` (and what the rules move) when given — keeping the
    rules above; ``stored`` is its row as it stood before the change, None for a new story."""
    now = timezone.now()
    if article.status == Article.Status.PUBLISHED:
        if article.published_at is None:
            article.published_at = now
        if article.embargo_until is not None and article.published_at < article.embargo_until:
            article.published_at = article.embargo_until
    if stored is not None:
        if stored.is_published() and article.is_embargoed():
            raise ValidationError(EMBARGO_ON_LIVE_STORY, code="embargo_on_live_story")
        article.version = stored.version + 1
        if article.is_published() and words(stored) != words(article):
            article.revised_at = now
    update_fields = None if fields is None else {*fields, *ALWAYS_WRITTEN}
    article.save(update_fields=update_fields)
    if update_fields is None or "body" in update_fields:
        # Resolved in the worker after the commit; the save never waits for a provider.
        queue_embeds(article.body)
    return article


def words(article):
    return tuple(getattr(article, name) for name in WORDS)
