from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """Site-wide pieces the public apps sit on: site identity, headers, request plumbing."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "website"
