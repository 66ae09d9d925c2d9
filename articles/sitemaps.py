"""For search engines: the sitemap index and its sitemaps, a Google News sitemap, robots.txt.

Every list comes from ``Article.objects.published()``: a section, tag or author is listed once it
has a published article, so nothing here reveals a draft or a scheduled story.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.identity import site_origin
from articles.models import Article, Section
from authors.models import Author
from delivery.keys import ARCHIVE, add_keys

# Google News reads articles published in the last two days, at most 1,000 per sitemap.
NEWS_SITEMAP_WINDOW = datetime.timedelta(days=2)
NEWS_SITEMAP_LIMIT = 1000


class CanonicalSitemap(Sitemap):
    """Locations on NEWSROOM_SITE_URL when it is set, else on the request's own host."""

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)


class ArticleSitemap(CanonicalSitemap):
    def items(self):
        # Plain rows: a sitemap page holds up to 50,000 articles and needs none of their text.
        # Oldest first, so publishing a story changes only the last page.
        return (
            Article.objects.published()
            .order_by("published_at", "id")
            .annotate(lastmod=Coalesce("revised_at", "published_at"))
            .values("slug", "lastmod")
        )

    def location(self, item):
        return reverse("articles:detail", kwargs={"slug": item["slug"]})

    def lastmod(self, item):
        return item["lastmod"]

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(
            latest=Max(Coalesce("revised_at", "published_at"))
        )["latest"]


def newest_publish_time(**lookups):
    """When the newest published article matching ``lookups`` (an OuterRef) came out."""
    newest = Article.objects.published().filter(**lookups).order_by("-published_at")
    return Subquery(newest.values("published_at")[:1])


class ListingSitemap(CanonicalSitemap):
    """Pages that list articles: listed once they have one, changed when a new one comes out."""

    def lastmod(self, item):
        return item.latest_published_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("latest_published_at"))["latest"]


class SectionSitemap(ListingSitemap):
    def items(self):
        return (
            Section.objects.annotate(
                latest_published_at=newest_publish_time(section=OuterRef("pk"))
            )
            .filter(latest_published_at__isnull=False)
            .order_by("position", "name")
        )


class TagSitemap(ListingSitemap):
    def items(self):
        return (
            Tag.objects.annotate(latest_published_at=newest_publish_time(tags=OuterRef("pk")))
            .filter(latest_published_at__isnull=False)
            .order_by("name", "pk")
        )

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(ListingSitemap):
    """Author pages; listed here because authors must not import articles (DESIGN.md)."""

    def items(self):
        return (
            Author.objects.annotate(latest_published_at=newest_publish_time(authors=OuterRef("pk")))
            .filter(latest_published_at__isnull=False)
            .order_by("name", "pk")
        )


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}


def sitemap_index(request):
    add_keys(request, ARCHIVE)
    response = sitemap_views.index(request, SITEMAPS, sitemap_url_name="articles:sitemap_section")
    # Django builds the index's locations on the request's host; the canonical origin wins.
    origin = site_origin(request)
    for entry in response.context_data["sitemaps"]:
        parts = urlsplit(entry.location)
        entry.location = origin + parts.path + (f"?{parts.query}" if parts.query else "")
    return response


def sitemap_section(request, section):
    add_keys(request, ARCHIVE)
    return sitemap_views.sitemap(
        request, SITEMAPS, section=section, template_name="articles/sitemap.xml"
    )


def news_sitemap(request):
    """Stories published in the last two days, newest first, in Google News' format."""
    add_keys(request, ARCHIVE)
    articles = (
        Article.objects.published()
        .filter(published_at__gte=timezone.now() - NEWS_SITEMAP_WINDOW)
        .newest_first()
        .values("slug", "headline", "published_at")[:NEWS_SITEMAP_LIMIT]
    )
    origin = site_origin(request)
    entries = [
        {
            "location": origin + reverse("articles:detail", kwargs={"slug": article["slug"]}),
            "title": article["headline"],
            "published_at": timezone.localtime(article["published_at"]).isoformat("T", "seconds"),
        }
        for article in articles
    ]
    context = {
        "entries": entries,
        "publication_name": settings.SITE_NAME,
        "publication_language": settings.SITE_LANGUAGE,
    }
    response = render(request, "articles/news_sitemap.xml", context, content_type="application/xml")
    # As Django's own sitemap views do: the sitemap is for crawlers, not a page to index.
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def robots_txt(request):
    return render(request, "articles/robots.txt", content_type="text/plain; charset=utf-8")
