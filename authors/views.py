from django.shortcuts import get_object_or_404, render

from authors.models import Author
from authors.structured_data import profile_page
from delivery.keys import NAVIGATION, add_keys, key

PAGE_SIZE = 20


def author_detail(request, slug):
    author = get_object_or_404(
        Author.objects.select_related("photo").prefetch_related("photo__renditions"), slug=slug
    )
    # The reverse relation keeps authors from importing articles (DESIGN.md: one-way deps).
    page = author.articles.published().for_listing().page(request.GET.get("before"), size=PAGE_SIZE)
    add_keys(request, NAVIGATION, key("author", author.pk))
    add_keys(request, key("image", author.photo_id) if author.photo_id else None)
    for article in page.items:
        add_keys(request, key("article", article.pk), key("section", article.section_id))
        add_keys(request, key("image", article.lead_image_id) if article.lead_image_id else None)
        add_keys(request, *(key("author", byline.author_id) for byline in article.bylines.all()))
    context = {
        "author": author,
        "page": page,
        "is_continuation": bool(request.GET.get("before")),
        "structured_data": profile_page(request, author),
    }
    template_name = "authors/author_detail.html"
    if request.GET.get("fragment") == "1":
        template_name = "includes/_feed_page.html"
    return render(request, template_name, context)
