from django.apps import AppConfig


class FrontpageConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "frontpage"
    verbose_name = "Front page"

    def ready(self):
        # The page cache's receivers and expiry moments, and what follows an unpublished story.
        from frontpage import banners, invalidation, placing  # noqa: F401
