from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings


class WebsiteConfig(AppConfig):
    """Site-wide pieces the public apps sit on: site identity, headers, request plumbing."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "website"

    def ready(self):
        from website.structured_data import static_image_size

        # The logo's size goes into every page's structured data. Read it (from the source
        # file, so before collectstatic too) when the process starts, so no reader's request,
        # not even the first, opens a picture.
        if not urlsplit(settings.SITE_LOGO).scheme:
            static_image_size(settings.SITE_LOGO)
