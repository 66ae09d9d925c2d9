"""What articles tells the site's own pages: robots.txt, and which pages to warm up."""

from django.dispatch import receiver

from articles.models import Article
from website.addresses import fixed_address
from website.editions import edition_languages
from website.robots import robots_rules_wanted
from website.warmup import warm_up_paths_wanted


@receiver(robots_rules_wanted, dispatch_uid="articles_robots_rules")
def robots_rules(**kwargs):
    # Search result pages are not for crawlers; every edition's two sitemaps are.
    editions = edition_languages()
    return {
        "disallow": [fixed_address("articles:search", code) for code in editions],
        "sitemaps": [
            fixed_address(name, code)
            for code in editions
            for name in ("articles:sitemap", "articles:news_sitemap")
        ],
    }


@receiver(warm_up_paths_wanted, dispatch_uid="articles_reader_pages_to_warm_up")
def reader_pages_to_warm_up(**kwargs):
    """The front page and the newest story: between them, what most reader pages run."""
    newest = Article.objects.published().newest_first().only("slug", "language").first()
    return ["/", *([newest.get_absolute_url()] if newest else [])]
