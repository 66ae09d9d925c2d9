"""RSS and Atom feeds of one live story's published updates, newest first.

A feed speaks its story's language and lives in its story's edition: asked for under another
edition's prefix, it answers with a permanent redirect to its own address.
"""

import copy

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponsePermanentRedirect
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from articles.feeds import absolute_links
from delivery.keys import add_keys, key
from live.models import LiveUpdate
from live.views import live_story
from website.addresses import slug_address
from website.editions import current_edition
from website.identity import absolute_url, tag_uri

FEED_LENGTH = 50


class LiveUpdatesFeed(Feed):
    item_guid_is_permalink = False

    def __call__(self, request, slug):
        # One instance serves every request: the request goes on a copy.
        feed = copy.copy(self)
        feed.request = request
        feed.article = live_story(slug, in_any_edition=True)
        if feed.article.language != current_edition():
            view = request.resolver_match.view_name
            return HttpResponsePermanentRedirect(slug_address(view, slug, feed.article.language))
        feed.language = feed.article.language
        return Feed.__call__(feed, request, slug=slug)

    def get_object(self, request, slug):
        # Found by __call__, which needed its edition first.
        article = self.article
        add_keys(request, key("article", article.pk), key("live", article.pk))
        return article

    def items(self, article):
        updates = list(
            LiveUpdate.objects.published()
            .filter(article=article)
            .for_page()
            .newest_first()[:FEED_LENGTH]
        )
        for update in updates:
            update.article = article
        return updates

    def title(self, article):
        return gettext("{headline} — live updates").format(headline=article.headline)

    def link(self, article):
        return absolute_url(self.request, article.get_absolute_url())

    def description(self, article):
        return article.dek or article.headline

    def subtitle(self, article):
        return self.description(article)

    def feed_url(self, article):
        return absolute_url(self.request, self.request.path)

    def feed_guid(self, article):
        # The same whatever host the feed was read on (see articles.feeds).
        return tag_uri(article.created_at, f"live/{article.pk}")

    def author_name(self, article):
        return settings.SITE_NAME

    def item_title(self, update):
        return update.summary

    def item_description(self, update):
        return absolute_links(update.body, self.item_link(update))

    def item_link(self, update):
        return absolute_url(self.request, update.get_absolute_url())

    def item_guid(self, update):
        return tag_uri(update.created_at, f"live-update/{update.pk}")

    def item_pubdate(self, update):
        return update.published_at

    def item_updateddate(self, update):
        return update.revised_at or update.published_at

    def item_author_name(self, update):
        return ", ".join(author.name for author in update.byline) or None


class LiveUpdatesAtomFeed(LiveUpdatesFeed):
    feed_type = Atom1Feed
