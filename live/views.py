from django.http import Http404, JsonResponse
from django.template.loader import render_to_string

from articles.models import Article
from delivery.keys import add_keys, key
from live.coverage import POLL_UPDATES, Coverage

POLL_INTERVAL_HEADER = "X-Poll-Interval"


def live_story(slug, *, in_any_edition=False):
    """A visible story that has (or had) live coverage, or 404: of the page's edition (its
    updates are polled under its own edition's address only), or of any edition for a caller
    that sends readers on to the story's own address."""
    stories = Article.objects.published()
    if not in_any_edition:
        stories = stories.in_edition()
    article = stories.filter(slug=slug, live_started_at__isnull=False).first()
    if article is None:
        raise Http404("No live coverage at this address.")
    return article


def poll(request, slug):
    """The newest updates as HTML fragments with their ids: one shared, cacheable answer.

    Every reader of the story asks for exactly this URL (no per-reader parameters), so the edge
    answers nearly all polls; the page cache's ETag turns an unchanged answer into a 304.
    ``poll_seconds`` (and the header) tell the page when to ask again.
    """
    article = live_story(slug)
    coverage = Coverage(article, limit=POLL_UPDATES)
    add_keys(request, key("article", article.pk), key("live", article.pk))
    payload = {
        "live": coverage.is_live,
        "poll_seconds": coverage.poll_seconds,
        "key_events": render_to_string(
            "live/_key_events.html", {"coverage": coverage}, request=request
        ),
        "updates": [
            {
                "id": update.pk,
                "version": update.version,
                "html": render_to_string("live/_update.html", {"update": update}, request=request),
            }
            for update in coverage.updates
        ],
    }
    response = JsonResponse(payload)
    response[POLL_INTERVAL_HEADER] = str(coverage.poll_seconds)
    return response
