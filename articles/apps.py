from django.apps import AppConfig
from django.urls import reverse
from taggit import apps as taggit_apps

from website import robots
from website.warmup import register_warm_up_paths


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self):
        # The search document's receivers, the page cache's, and the guard on images that
        # published stories show.
        from articles import image_use, invalidation, signals  # noqa: F401

        # Search result pages are not for crawlers; both sitemaps are.
        robots.disallow(lambda: reverse("articles:search"))
        robots.add_sitemap(lambda: reverse("articles:sitemap"))
        robots.add_sitemap(lambda: reverse("articles:news_sitemap"))
        register_warm_up_paths(reader_pages_to_warm_up)


class TagsConfig(taggit_apps.TaggitAppConfig):
    """django-taggit, named on the desk for what it holds: "Tags", not "Taggit"."""

    default = False
    verbose_name = "Tags"


def reader_pages_to_warm_up():
    """The front page and the newest story: between them, what most reader pages run."""
    from articles.models import Article

    newest = Article.objects.published().newest_first().only("slug").first()
    return ["/", *([newest.get_absolute_url()] if newest else [])]
