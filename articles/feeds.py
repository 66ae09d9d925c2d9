"""RSS 2.0 and Atom feeds of published articles: the whole site, each section, tag and author.

Every feed belongs to one edition, the address's (``/feeds/rss/``, ``/uk/feeds/rss/``): it lists
that edition's stories only, says its language, names sections and tags as that edition does and
links into it. A section, tag or author with nothing published in the edition has no feed there.

An item carries what a feed reader or aggregator shows without visiting the page: the dek as the
summary, the cleaned body as full content, every name in the byline, the section and tags as
categories, and the lead image as an enclosure and a Media RSS element.
"""

import copy
import datetime
import html
import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext
from taggit.models import Tag

from articles.cache_keys import feed_item_keys
from articles.models import Article, Section, SectionName, TagName
from articles.translations import section_name, tag_name
from authors.models import Author, AuthorText
from delivery.keys import FRONT, add_keys, key
from embeds.rendering import render_embeds
from media.galleries import render_galleries
from media.renditions import SHARE_WIDTH, get_rendition
from website.editions import current_edition, default_language
from website.identity import absolute_url, tag_uri

FEED_LENGTH = 50
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DUBLIN_CORE_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_RSS_NS = "http://search.yahoo.com/mrss/"
# The sanitised body writes every attribute in double quotes (nh3 serialises it).
LINK_ATTRIBUTE = re.compile(r'(?P<name>\s(?:href|src)=")(?P<url>[^"]*)"')


def absolute_links(body, page_url):
    """The body with every link and image resolved against its page.

    A feed reader shows the story away from our site, where "/news/…" or "#notes" lead nowhere.
    """

    def resolve(match):
        url = urljoin(page_url, html.unescape(match["url"]))
        return f'{match["name"]}{escape(url)}"'

    return LINK_ATTRIBUTE.sub(resolve, body)


def add_media_content(handler, image):
    if image is None:
        return
    handler.startElement(
        "media:content",
        {
            "url": image["url"],
            "type": "image/jpeg",
            "medium": "image",
            "width": str(image["width"]),
            "height": str(image["height"]),
        },
    )
    if image["caption"]:
        handler.addQuickElement("media:description", image["caption"], {"type": "plain"})
    if image["credit"]:
        handler.addQuickElement("media:credit", image["credit"])
    handler.endElement("media:content")


class ArticleRssFeed(Rss201rev2Feed):
    """RSS 2.0 with full content, one ``dc:creator`` per byline name and Media RSS images."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:dc": DUBLIN_CORE_NS,
            "xmlns:media": MEDIA_RSS_NS,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author["name"])
        handler.addQuickElement("content:encoded", item["content"])
        add_media_content(handler, item["image"])


class ArticleAtomFeed(Atom1Feed):
    """Atom with full content, an ``author`` per byline name and Media RSS images."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            handler.addQuickElement("uri", author["url"])
            handler.endElement("author")
        handler.addQuickElement("content", item["content"], {"type": "html"})
        add_media_content(handler, item["image"])


def lead_rendition(article):
    image = article.lead_image
    if image is None or not image.file:
        return None
    return get_rendition(image, f"w{SHARE_WIDTH}", "jpeg")


# The day in the feeds' own tag URIs: any fixed day on which the site's domain was its own.
FEED_ID_DAY = datetime.date(2025, 1, 1)


class SiteFeed(Feed):
    """The newest published articles; subclasses narrow them to a section, tag or author."""

    feed_type = ArticleRssFeed
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        # The URLconf holds one instance for every request and thread, so the request (needed
        # for absolute links) goes on a copy, never on the shared instance.
        feed = copy.copy(self)
        feed.request = request
        feed.language = current_edition()
        return Feed.__call__(feed, request, *args, **kwargs)

    def absolute(self, url):
        return absolute_url(self.request, url)

    def in_default_edition(self):
        return self.language == default_language()

    def articles(self, obj):
        return Article.objects.published().in_edition(self.language)

    def listed(self, queryset, slug, lookup, texts=None):
        """A section, tag or author with a visible story in this edition; readers never learn
        of the others, as its page answers 404 for them.

        Checked in the same query that finds it: ``lookup`` is how an article names it.
        ``texts`` names its rows of words per edition, fetched for an edition other than the
        default (whose words are the row's own).
        """
        visible = (
            Article.objects.published().in_edition(self.language).filter(**{lookup: OuterRef("pk")})
        )
        found = queryset.filter(Exists(visible), slug=slug)
        if texts and not self.in_default_edition():
            relation, model = texts
            found = found.prefetch_related(
                Prefetch(relation, queryset=model.objects.filter(language=self.language))
            )
        found = found.first()
        if found is None:
            raise Http404("Nothing published here.")
        return found

    def listing(self, articles):
        """The items' relations; in another edition, the names of their section and tags in
        it too (two queries, however many items)."""
        articles = articles.for_listing()
        if self.in_default_edition():
            return articles
        names = {"language": self.language}
        return articles.prefetch_related(
            Prefetch("section__names", queryset=SectionName.objects.filter(**names)),
            Prefetch("tags__names", queryset=TagName.objects.filter(**names)),
        )

    def items(self, obj):
        items = list(self.listing(self.articles(obj)).newest_first()[:FEED_LENGTH])
        add_keys(self.request, *feed_item_keys(items, self.list_key(obj)))
        return items

    def list_key(self, obj):
        return FRONT

    def title(self, obj):
        return settings.SITE_NAME

    def link(self, obj):
        return self.absolute(reverse("frontpage:front"))

    def description(self, obj):
        return settings.SITE_DESCRIPTION

    def subtitle(self, obj):
        # Atom's name for the description; RSS ignores it.
        return self.description(obj)

    def feed_url(self, obj):
        return self.absolute(self.request.path)

    def feed_guid(self, obj):
        # Atom's id of the feed itself: like the entries', the same whatever host it was read
        # on, named after the list it follows (RSS has no such id).
        return tag_uri(FEED_ID_DAY, f"feed{urlsplit(self.link(obj)).path}")

    def author_name(self, obj):
        # Atom requires an author for every entry: one without a byline falls back to the site.
        return settings.SITE_NAME

    def item_title(self, article):
        # Headlines are plain text. Django's default HTML-escapes titles a second time, which
        # many readers then show as a literal "&amp;".
        return article.headline

    def item_description(self, article):
        # The dek is plain text; RSS descriptions and Atom summaries (type="html") are HTML.
        return escape(article.dek)

    def item_link(self, article):
        return self.absolute(article.get_absolute_url())

    def item_guid(self, article):
        # Stable across slug changes (the old address only redirects) and whatever host the
        # feed was read on, so readers never see a story twice.
        return tag_uri(article.created_at, f"article/{article.pk}")

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.last_changed_at

    def item_categories(self, article):
        tags = sorted(tag_name(tag, article.language) for tag in article.tags.all())
        return [section_name(article.section, article.language), *tags]

    def item_enclosures(self, article):
        rendition = lead_rendition(article)
        if rendition is None:
            return []
        return [
            Enclosure(
                url=self.absolute(rendition.file.url),
                length=str(rendition.file.size),
                mime_type="image/jpeg",
            )
        ]

    def item_extra_kwargs(self, article):
        rendition = lead_rendition(article)
        image = None
        if rendition is not None:
            image = {
                "url": self.absolute(rendition.file.url),
                "width": rendition.width,
                "height": rendition.height,
                "caption": article.lead_caption,
                "credit": article.lead_credit,
            }
        authors = [
            {"name": author.name, "url": self.absolute(author.get_absolute_url())}
            for author in article.byline
        ]
        # An embed is its link and our stored thumbnail: feed readers load no provider either.
        body = render_embeds(
            render_galleries(article.body, "media/_gallery_feed.html"),
            template="embeds/_feed.html",
        )
        add_keys(self.request, *body.keys)
        content = absolute_links(body.html, self.item_link(article))
        return {"content": content, "authors": authors, "image": image}


class SectionFeed(SiteFeed):
    def get_object(self, request, slug):
        return self.listed(Section.objects, slug, "section", texts=("names", SectionName))

    def list_key(self, section):
        return key("section", section.pk)

    def articles(self, section):
        return super().articles(section).filter(section=section)

    def title(self, section):
        return f"{section_name(section, self.language)} — {settings.SITE_NAME}"

    def link(self, section):
        return self.absolute(section.get_absolute_url())

    def description(self, section):
        if self.in_default_edition():
            written = section.description
        else:
            written = next((text.description for text in section.names.all()), "")
        name = section_name(section, self.language)
        return written or gettext("The latest in {section} from {site}.").format(
            section=name, site=settings.SITE_NAME
        )


class TagFeed(SiteFeed):
    def get_object(self, request, slug):
        return self.listed(Tag.objects, slug, "tags", texts=("names", TagName))

    def list_key(self, tag):
        return key("tag", tag.pk)

    def articles(self, tag):
        return Article.objects.published().listed_under(
            "tagged_items", edition=self.language, tag=tag
        )

    def title(self, tag):
        return f"{tag_name(tag, self.language)} — {settings.SITE_NAME}"

    def link(self, tag):
        return self.absolute(reverse("articles:tag", kwargs={"slug": tag.slug}))

    def description(self, tag):
        return gettext("Stories about {tag} from {site}.").format(
            tag=tag_name(tag, self.language), site=settings.SITE_NAME
        )


class AuthorFeed(SiteFeed):
    """An author's articles; it lives here because authors must not import articles (DESIGN.md)."""

    def get_object(self, request, slug):
        return self.listed(Author.objects, slug, "authors", texts=("texts", AuthorText))

    def list_key(self, author):
        return key("author", author.pk)

    def articles(self, author):
        return Article.objects.published().listed_under(
            "bylines", edition=self.language, author=author
        )

    def title(self, author):
        # A person's name is the same in every edition.
        return f"{author.name} — {settings.SITE_NAME}"

    def link(self, author):
        return self.absolute(author.get_absolute_url())

    def description(self, author):
        if self.in_default_edition():
            bio = author.bio
        else:
            bio = next((text.bio for text in author.texts.all()), "")
        return bio or gettext("Stories by {author} from {site}.").format(
            author=author.name, site=settings.SITE_NAME
        )


class SiteAtomFeed(SiteFeed):
    feed_type = ArticleAtomFeed


class SectionAtomFeed(SectionFeed):
    feed_type = ArticleAtomFeed


class TagAtomFeed(TagFeed):
    feed_type = ArticleAtomFeed


class AuthorAtomFeed(AuthorFeed):
    feed_type = ArticleAtomFeed
