from django.conf import settings

from articles.models import Section


def site(request):
    # Lazy: templates that never show the navigation never query it.
    return {
        "site_name": settings.SITE_NAME,
        "navigation_sections": Section.objects.filter(in_navigation=True),
    }
