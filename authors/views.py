from django.shortcuts import get_object_or_404, render

from authors.models import Author
from authors.structured_data import profile_page

PAGE_SIZE = 20


def author_detail(request, slug):
    author = get_object_or_404(
        Author.objects.select_related("photo").prefetch_related("photo__renditions"), slug=slug
    )
    # The reverse relation keeps authors from importing articles (DESIGN.md: one-way deps).
    page = author.articles.published().for_listing().page(request.GET.get("before"), size=PAGE_SIZE)
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
