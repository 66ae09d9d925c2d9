"""What a live story shows readers: its updates newest first, the key events, how often to poll."""

from django.conf import settings
from django.utils.html import strip_tags

from articles.structured_data import byline_entry
from live.models import LiveUpdate
from website.addresses import slug_address
from website.identity import absolute_url

# The page keeps a day or two of a busy blog; the poll answer only what a reader may have missed.
PAGE_UPDATES = 200
POLL_UPDATES = 20
STRUCTURED_DATA_UPDATES = 50


class Coverage:
    def __init__(self, article, *, limit=PAGE_UPDATES):
        self.article = article
        self.updates = list(
            LiveUpdate.objects.published().filter(article=article).for_page().newest_first()[:limit]
        )
        # Every update shares the story, already in hand: no query per update for its address.
        for update in self.updates:
            update.article = article
        self.key_events = [update for update in self.updates if update.is_key_event]

    @property
    def is_live(self):
        return self.article.is_live

    @property
    def started_at(self):
        return self.article.live_started_at

    @property
    def ended_at(self):
        return self.article.live_ended_at

    @property
    def poll_seconds(self):
        return self.article.live_poll_seconds or settings.NEWSROOM_LIVE_POLL_SECONDS

    @property
    def poll_url(self):
        return slug_address("live:poll", self.article.slug, self.article.language)

    @property
    def feed_url(self):
        return slug_address("live:feed_rss", self.article.slug, self.article.language)

    @property
    def atom_url(self):
        return slug_address("live:feed_atom", self.article.slug, self.article.language)


def live_blog_posting(request, coverage, news_article):
    """The article's NewsArticle JSON-LD as a LiveBlogPosting with its newest updates."""
    article = coverage.article
    data = {**news_article, "@type": "LiveBlogPosting"}
    data["coverageStartTime"] = article.live_started_at.isoformat()
    if article.live_ended_at is not None:
        data["coverageEndTime"] = article.live_ended_at.isoformat()
    changes = [article.revised_at or article.published_at]
    changes += [update.revised_at or update.published_at for update in coverage.updates]
    data["dateModified"] = max(changes).isoformat()
    data["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": update.summary[:110],
            "articleBody": strip_tags(update.body).strip(),
            "datePublished": update.published_at.isoformat(),
            "dateModified": (update.revised_at or update.published_at).isoformat(),
            "url": absolute_url(request, update.get_absolute_url()),
            **(
                {"author": [byline_entry(request, author) for author in update.byline]}
                if update.byline
                else {}
            ),
        }
        for update in coverage.updates[:STRUCTURED_DATA_UPDATES]
    ]
    return data
