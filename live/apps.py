from django.apps import AppConfig


class LiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "live"
    verbose_name = "Live coverage"

    def ready(self):
        # The page cache's receivers, the story's "Updated" time and the article page's
        # coverage.
        from live import invalidation, page, signals  # noqa: F401
