from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article, Section, SectionName
from website.editions import current_edition, default_language


def navigation(request):
    edition = current_edition()
    if edition == default_language():
        shown_name = F("name")
    else:
        # The edition's name for each section in the same query, the section's own without one.
        names = SectionName.objects.filter(section=OuterRef("pk"), language=edition)
        shown_name = Coalesce(Subquery(names.values("name")[:1]), F("name"))
    return {
        # A queryset is lazy: pages that never show the navigation never query it. A section
        # without a visible story in the page's edition answers 404 there, so it is not
        # offered until that edition's first one is out.
        "navigation_sections": Section.objects.filter(in_navigation=True)
        .filter(
            Exists(Article.objects.published().in_edition(edition).filter(section=OuterRef("pk")))
        )
        .annotate(shown_name=shown_name),
    }
