from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        # The search document's receivers, the page cache's, and the guard on images that
        # published stories show.
        from articles import image_use, invalidation, signals  # noqa: F401
