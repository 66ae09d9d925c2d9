from articles.identity import site_identity
from articles.models import Section


def site(request):
    identity = site_identity(request)
    return {
        "site": identity,
        "site_name": identity["name"],
        # A queryset is lazy: pages that never show the navigation never query it.
        "navigation_sections": Section.objects.filter(in_navigation=True),
    }
