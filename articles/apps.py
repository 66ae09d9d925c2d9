from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        # The search document's receivers, then the page cache's.
        from articles import invalidation, signals  # noqa: F401
