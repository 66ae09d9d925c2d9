from django.apps import AppConfig
from taggit import apps as taggit_apps


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        # The search document's receivers, the page cache's, the guard on images that published
        # stories show, and what the site's own pages ask of articles.
        from articles import image_use, invalidation, signals, site_pages  # noqa: F401


class TagsConfig(taggit_apps.TaggitAppConfig):
    """django-taggit, named on the desk for what it holds: "Tags", not "Taggit"."""

    default = False
    verbose_name = "Tags"
