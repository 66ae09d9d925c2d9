from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DeskConfig(AppConfig):
    """The desk's doors: its admin site, login throttling, second factor, session lifetimes."""

    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "desk"

    def ready(self):
        from desk import sessions  # noqa: F401  (connects the sign-in receiver)


class DeskAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site as ``admin.site``: every registration goes through it."""

    default = False
    default_site = "desk.sites.DeskAdminSite"
