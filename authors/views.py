from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from authors.models import Author
from authors.structured_data import author_breadcrumbs, profile_page
from delivery.keys import NAVIGATION, add_keys, key

PAGE_SIZE = 20


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    # Reached through the relation: authors do not import articles (DESIGN.md: one-way deps).
    articles = author.articles.model.objects.published().listed_under("bylines", author=author)
    cursor = request.GET.get("before")
    try:
        page = articles.for_cards().page(cursor, size=PAGE_SIZE)
    except BadRequest:
        # A damaged ?before= link; raised, Django would log it with a traceback.
        return render(request, "400.html", status=400)
    add_keys(request, NAVIGATION, key("author", author.pk))
    add_keys(request, key("image", author.photo_id) if author.photo_id else None)
    for article in page.items:
        add_keys(request, key("article", article.pk), key("section", article.section_id))
        add_keys(request, key("image", article.lead_image_id) if article.lead_image_id else None)
        add_keys(request, *(key("author", byline.author_id) for byline in article.byline_links()))
    # A byline readers cannot see yet (drafts, scheduled stories) has no public page.
    if not page.items and (not cursor or not articles.exists()):
        raise Http404("No published story by this author.")
    context = {
        "author": author,
        "page": page,
        "is_continuation": bool(cursor),
        "structured_data": profile_page(request, author),
        "breadcrumbs": author_breadcrumbs(request, author),
    }
    template_name = "authors/author_detail.html"
    if request.GET.get("fragment") == "1":
        template_name = "includes/_feed_page.html"
    return render(request, template_name, context)
