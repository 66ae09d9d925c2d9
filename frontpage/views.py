from django.shortcuts import render

from articles.cache_keys import list_keys
from articles.pagination import InvalidCursor
from articles.views import FEED_PAGE_SIZE
from delivery.keys import FRONT, add_keys, key
from frontpage.invalidation import slot_key
from frontpage.placing import POSITIONS, compose_front
from website.structured_data import site_structured_data


def front(request):
    """The lead story, the top stories, then the news feed, continued by ?before=<cursor>."""
    cursor = request.GET.get("before")
    try:
        front_page = compose_front(cursor=cursor, size=FEED_PAGE_SIZE)
    except InvalidCursor:
        # Answered here rather than raised: Django logs a raised BadRequest with its traceback.
        return render(request, "400.html", status=400)
    add_keys(
        request,
        *list_keys(front_page.articles, FRONT),
        *(slot_key(position) for position in POSITIONS),
        *(key("article", pk) for pk in front_page.placed_ids),
    )
    context = {
        "lead": front_page.lead,
        "top_stories": front_page.top_stories,
        "page": front_page.page,
        "is_continuation": bool(cursor),
        # Who publishes the site and how to search it; said once, on the page search engines index.
        "structured_data": None if cursor else site_structured_data(request),
    }
    if request.GET.get("fragment") == "1":
        return render(request, "includes/_feed_page.html", context)
    return render(request, "frontpage/front.html", context)
