from django.db.models import Exists, OuterRef

from articles.identity import site_identity
from articles.models import Article, Section


def site(request):
    identity = site_identity(request)
    return {
        "site": identity,
        "site_name": identity["name"],
        # Query strings (cursors, tracking) never make a different canonical page.
        "canonical_url": identity["origin"] + request.path,
        # A queryset is lazy: pages that never show the navigation never query it. A section
        # without a visible story answers 404, so it is not offered until its first one is out.
        "navigation_sections": Section.objects.filter(in_navigation=True).filter(
            Exists(Article.objects.published().filter(section=OuterRef("pk")))
        ),
    }
