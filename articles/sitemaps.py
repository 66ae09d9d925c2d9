"""For search engines: the sitemap index and its sitemaps, a Google News sitemap.

Every list comes from ``Article.objects.published()``: a section, tag or author is listed once it
has a published article, so nothing here reveals a draft or a scheduled story.

No request counts or aggregates the archive. The article sitemap is paged by ranges of ids
(``IdRangePaginator``): the first and last visible ids, read from the primary-key index, give
the number of pages, and each page is a range scan of that index; tags are paged the same way.
Each sitemap's latest change comes from an index too (``article_lastmod`` for articles). The
short listings (sections, authors) are read once per request and counted in Python.
"""

import datetime
import math
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Exists, Max, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag

from articles.models import Article, Section, TaggedArticle
from authors.models import Author
from delivery.keys import ARCHIVE, add_keys
from website.identity import site_origin

# Google News reads articles published in the last two days, at most 1,000 per sitemap.
NEWS_SITEMAP_WINDOW = datetime.timedelta(days=2)
NEWS_SITEMAP_LIMIT = 1000
# Ids per page of the article sitemap: each page costs the same however large the archive.
ARTICLE_SITEMAP_PAGE_SIZE = 1000
TAG_SITEMAP_PAGE_SIZE = 1000


@dataclass(frozen=True)
class IdRangePage:
    object_list: object


class IdRangePaginator:
    """Pages of ``rows`` by ranges of ``per_page`` ids, between the lowest and highest of ``keys``.

    What Django's sitemaps ask of a paginator (``num_pages``, ``page()``), without a COUNT: a
    page may hold fewer rows than ``per_page`` where ids were skipped, never more. ``keys`` is
    the same selection as ``rows`` without its annotations, so MIN and MAX stay plain.
    """

    def __init__(self, rows, per_page, *, keys):
        self.queryset = rows
        self.keys = keys
        self.per_page = per_page

    @cached_property
    def bounds(self):
        # PostgreSQL and SQLite both answer MIN and MAX of the key from the index's two ends.
        found = self.keys.order_by().aggregate(first=Min("pk"), last=Max("pk"))
        return found["first"], found["last"]

    @cached_property
    def num_pages(self):
        first, last = self.bounds
        return 1 if first is None else math.ceil((last - first + 1) / self.per_page)

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("That page number is not an integer") from error
        if number < 1 or number > self.num_pages:
            raise EmptyPage("That page contains no results")
        first, _ = self.bounds
        if first is None:
            return IdRangePage(object_list=self.queryset.none())
        low = first + (number - 1) * self.per_page
        rows = self.queryset.filter(pk__gte=low, pk__lt=low + self.per_page).order_by("pk")
        return IdRangePage(object_list=rows)


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
    limit = ARTICLE_SITEMAP_PAGE_SIZE

    def items(self):
        # Plain rows: a page needs none of the articles' text. By id, so publishing a story
        # changes only the page of its id, usually the last.
        return (
            Article.objects.published()
            .annotate(lastmod=Coalesce("revised_at", "published_at"))
            .values("pk", "slug", "lastmod")
        )

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit, keys=Article.objects.published())

    def location(self, item):
        return reverse("articles:detail", kwargs={"slug": item["slug"]})

    def lastmod(self, item):
        return item["lastmod"]

    def get_latest_lastmod(self):
        # The newest entry of the article_lastmod index that readers can see.
        latest = (
            Article.objects.published()
            .annotate(lastmod=Coalesce("revised_at", "published_at"))
            .order_by("-lastmod")
            .values_list("lastmod", flat=True)[:1]
        )
        return next(iter(latest), None)


def newest_publish_time(articles):
    """When the newest of ``articles`` (visible ones, narrowed by an OuterRef) came out."""
    return Subquery(articles.newest_first().values("published_at")[:1])


class ListingSitemap(CanonicalSitemap):
    """Pages that list articles: listed once they have one, changed when a new one comes out.

    The listing is short and read once per request: its count and latest change come from it.
    """

    def listing(self):
        raise NotImplementedError

    @cached_property
    def _listed(self):
        return list(self.listing())

    def items(self):
        return self._listed

    def lastmod(self, item):
        return item.latest_published_at

    def get_latest_lastmod(self):
        return max((item.latest_published_at for item in self._listed), default=None)


class SectionSitemap(ListingSitemap):
    def listing(self):
        return (
            Section.objects.annotate(
                latest_published_at=newest_publish_time(
                    Article.objects.published().in_edition().filter(section=OuterRef("pk"))
                )
            )
            .filter(latest_published_at__isnull=False)
            .order_by("position", "name")
        )


class TagSitemap(CanonicalSitemap):
    """Tag pages, paged by ranges of tag ids like the articles: a newsroom's tags number
    thousands, and each listed tag costs a look-up of its newest story."""

    limit = TAG_SITEMAP_PAGE_SIZE

    def items(self):
        return (
            Tag.objects.annotate(
                latest_published_at=newest_publish_time(
                    Article.objects.published().listed_under("tagged_items", tag=OuterRef("pk"))
                )
            )
            .filter(latest_published_at__isnull=False)
            .order_by("pk")
        )

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit, keys=Tag.objects.all())

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})

    def lastmod(self, tag):
        return tag.latest_published_at

    def get_latest_lastmod(self):
        # The newest visible story with any tag: one walk down the newest-first index.
        tagged = TaggedArticle.objects.filter(content_object=OuterRef("pk"))
        newest = (
            Article.objects.published()
            .in_edition()
            .filter(Exists(tagged))
            .newest_first()
            .values_list("published_at", flat=True)[:1]
        )
        return next(iter(newest), None)


class AuthorSitemap(ListingSitemap):
    """Author pages; listed here because authors must not import articles (DESIGN.md)."""

    def listing(self):
        return (
            Author.objects.annotate(
                latest_published_at=newest_publish_time(
                    Article.objects.published().listed_under("bylines", author=OuterRef("pk"))
                )
            )
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
    """Django's index, written out directly: it lists a page per thousand stories, so at
    100,000 its template (a date format and an escape per entry, then ``spaceless`` over the
    whole) cost more than everything else the request did. The XML is the template's, byte
    for byte."""
    add_keys(request, ARCHIVE)
    listing = sitemap_views.index(request, SITEMAPS, sitemap_url_name="articles:sitemap_section")
    # Django builds the index's locations on the request's host; the canonical origin wins.
    origin = site_origin(request)
    times = {}
    entries = []
    for entry in listing.context_data["sitemaps"]:
        parts = urlsplit(entry.location)
        location = escape(origin + parts.path + (f"?{parts.query}" if parts.query else ""))
        lastmod = ""
        if entry.last_mod:
            if entry.last_mod not in times:
                # As the template's ``date:"c"``: in the current time zone.
                times[entry.last_mod] = timezone.localtime(entry.last_mod).isoformat()
            lastmod = f"<lastmod>{times[entry.last_mod]}</lastmod>"
        entries.append(f"<sitemap><loc>{location}</loc>{lastmod}</sitemap>")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{''.join(entries)}\n</sitemapindex>\n"
    )
    response = HttpResponse(xml, content_type=listing["Content-Type"])
    for header in ("Last-Modified", "X-Robots-Tag"):
        if header in listing:
            response[header] = listing[header]
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
