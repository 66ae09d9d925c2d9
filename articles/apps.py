from django.apps import AppConfig
from django.urls import reverse

from website import robots


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
