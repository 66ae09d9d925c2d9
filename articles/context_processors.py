from django.db.models import Exists, OuterRef

from articles.models import Article, Section


def navigation(request):
    return {
        # A queryset is lazy: pages that never show the navigation never query it. A section
        # without a visible story answers 404, so it is not offered until its first one is out
        # in the page's edition (its menu's cache key is the edition's: delivery.keys).
        "navigation_sections": Section.objects.filter(in_navigation=True).filter(
            Exists(Article.objects.published().in_edition().filter(section=OuterRef("pk")))
        ),
    }
