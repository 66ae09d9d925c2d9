from django.apps import AppConfig


class MediaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "media"
    verbose_name = "Media library"

    def ready(self):
        from media import invalidation  # noqa: F401 - connects the page cache's receivers
