from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        from articles import (
            image_use,  # noqa: F401 - guards the images published stories show
            signals,  # noqa: F401 - connects the search document's receivers
        )
