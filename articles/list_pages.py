"""Every newest-first page of story cards: the front, a section, a tag, an author.

One small class says what such a page does. It continues from ``?before=<cursor>`` (a damaged
cursor answers 400 rather than raising, which Django would log with a traceback), answers only
the items for "Show more" with ``?fragment=1``, and declares the cache keys of the list and of
every card it shows. A subclass names its subject, its stories and its list key; a list known
only from drafts (a section, tag or author with nothing out) is a 404, so its name never shows.
"""

from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views import View
from taggit.models import Tag

from articles.cache_keys import list_keys
from articles.editions import (
    list_versions,
    show_author_in_edition,
    show_section_in_edition,
    show_tag_in_edition,
    with_section_names,
)
from articles.models import Article, Section
from authors.models import Author
from authors.structured_data import author_breadcrumbs, profile_page
from delivery.keys import add_keys, key
from website.addresses import slug_address
from website.structured_data import breadcrumb_list

PAGE_SIZE = 20


def versions_of(viewname, slug, stories_in):
    """The list's page in the other editions, asked only when the page shows the switcher (a
    "Show more" fragment does not)."""
    return SimpleLazyObject(lambda: list_versions(viewname, slug, stories_in))


FRAGMENT_TEMPLATE = "includes/_feed_page.html"


class StoryList(View):
    http_method_names = ["get", "head"]
    template_name = None
    # Whether the list exists for readers only while it holds a visible story.
    only_if_visible = True

    def subject(self):
        """What the list is of (a section, tag or author), looked up from the URL; None for
        the front."""
        return None

    def stories(self):
        """The list's published stories, as a queryset in no particular order."""
        raise NotImplementedError

    def list_key(self):
        raise NotImplementedError

    def page(self, cursor):
        return with_section_names(self.stories().for_cards()).page(cursor, size=PAGE_SIZE)

    def cards(self, page):
        """Every story the page shows as a card, for their cache keys."""
        return page.items

    def extra_keys(self):
        return ()

    def context(self, page):
        return {}

    def get(self, request, **kwargs):
        self.object = self.subject()
        cursor = request.GET.get("before")
        try:
            page = self.page(cursor)
        except BadRequest:
            return render(request, "400.html", status=400)
        add_keys(request, *list_keys(self.cards(page), self.list_key()), *self.extra_keys())
        if self.only_if_visible and not page.items and (not cursor or not self.stories().exists()):
            raise Http404("Nothing published here.")
        context = {"page": page, "is_continuation": bool(cursor), **self.context(page)}
        template_name = self.template_name
        if request.GET.get("fragment") == "1":
            template_name = FRAGMENT_TEMPLATE
        return render(request, template_name, context)


class SectionStories(StoryList):
    template_name = "articles/section_detail.html"

    def subject(self):
        return show_section_in_edition(get_object_or_404(Section, slug=self.kwargs["slug"]))

    def page(self, cursor):
        page = self.stories().for_cards().page(cursor, size=PAGE_SIZE)
        # Every card is of this section, whose names in the edition are known already.
        for article in page.items:
            article.section = self.object
        return page

    def stories(self, edition=None):
        return Article.objects.published().in_edition(edition).filter(section=self.object)

    def list_key(self):
        return key("section", self.object.pk)

    def context(self, page):
        section = self.object
        return {
            "section": section,
            "edition_versions": versions_of("articles:section", section.slug, self.stories),
            "current_section_slug": section.slug,
            "breadcrumbs": breadcrumb_list(
                self.request, [(section.name, section.get_absolute_url())]
            ),
        }


class TagStories(StoryList):
    template_name = "articles/tag_detail.html"

    def subject(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def stories(self, edition=None):
        return Article.objects.published().listed_under(
            "tagged_items", edition=edition, tag=self.object
        )

    def list_key(self):
        return key("tag", self.object.pk)

    def context(self, page):
        tag = show_tag_in_edition(self.object)
        address = slug_address("articles:tag", tag.slug)
        return {
            "tag": tag,
            "edition_versions": versions_of("articles:tag", tag.slug, self.stories),
            "breadcrumbs": breadcrumb_list(self.request, [(tag.name, address)]),
        }


class AuthorStories(StoryList):
    """The author's page: their profile above their stories (a list of stories, so served here;
    its name stays ``authors:detail``)."""

    template_name = "authors/author_detail.html"

    def subject(self):
        return get_object_or_404(Author.objects.select_related("photo"), slug=self.kwargs["slug"])

    def stories(self, edition=None):
        return Article.objects.published().listed_under(
            "bylines", edition=edition, author=self.object
        )

    def list_key(self):
        return key("author", self.object.pk)

    def extra_keys(self):
        photo_id = self.object.photo_id
        return (key("image", photo_id),) if photo_id else ()

    def context(self, page):
        author = show_author_in_edition(self.object)
        return {
            "author": author,
            "edition_versions": versions_of("authors:detail", author.slug, self.stories),
            "structured_data": profile_page(self.request, author),
            "breadcrumbs": author_breadcrumbs(self.request, author),
        }
