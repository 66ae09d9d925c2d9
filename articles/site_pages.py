"""What articles tells the site's own pages: robots.txt, and which pages to warm up."""

from django.dispatch import receiver
from django.urls import reverse

from articles.models import Article
from website.robots import robots_rules_wanted
from website.warmup import warm_up_paths_wanted


@receiver(robots_rules_wanted, dispatch_uid="articles_robots_rules")
def robots_rules(**kwargs):
    # Search result pages are not for crawlers; both sitemaps are.
    return {
        "disallow": [reverse("articles:search")],
        "sitemaps": [reverse("articles:sitemap"), reverse("articles:news_sitemap")],
    }


@receiver(warm_up_paths_wanted, dispatch_uid="articles_reader_pages_to_warm_up")
def reader_pages_to_warm_up(**kwargs):
    """The front page and the newest story: between them, what most reader pages run."""
    newest = Article.objects.published().newest_first().only("slug", "language").first()
    return ["/", *([newest.get_absolute_url()] if newest else [])]
