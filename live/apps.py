from django.apps import AppConfig


class LiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "live"
    verbose_name = "Live coverage"

    def ready(self):
        # The page cache's receivers, the story's "Updated" time, the article page's coverage
        # and the demo's live blog.
        from live import demo, invalidation, page, signals  # noqa: F401
