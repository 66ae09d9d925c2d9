"""A scheduled story appears on time on every cached page, with no worker and no purge."""

import datetime

import pytest
import time_machine
from taggit.models import Tag

from articles.models import Article
from articles.publishing import publish_article, unpublish_article
from articles.tests.factories import ArticleFactory, SectionFactory, draft
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
GOES_LIVE = NOW + datetime.timedelta(minutes=7)


def test_every_warm_cache_shows_a_scheduled_story_at_its_time(client, page_cache):
    with time_machine.travel(NOW, tick=False):
        section, author = SectionFactory(), AuthorFactory()
        tag = Tag.objects.create(name="Grain", slug="grain")
        ArticleFactory(section=section, authors=[author], tags=[tag], headline="Already out")
        ArticleFactory(
            section=section,
            authors=[author],
            tags=[tag],
            headline="Grain corridor reopens",
            slug="grain-corridor-reopens",
            published_at=GOES_LIVE,
        )
        pages = [
            "/",
            section.get_absolute_url(),
            "/tags/grain/",
            author.get_absolute_url(),
            "/feeds/rss/",
            "/news-sitemap.xml",
            "/sitemap-articles.xml",
        ]
        for path in pages:
            client.get(path)
            warm = client.get(path)
            assert warm["X-Cache"] == "hit", path
            assert "Grain corridor reopens" not in warm.content.decode(), path
            assert "grain-corridor-reopens" not in warm.content.decode(), path
            lifetime = int(warm["Cache-Control"].split("s-maxage=")[1].split(",")[0])
            assert lifetime <= 7 * 60, path

    with time_machine.travel(GOES_LIVE + datetime.timedelta(seconds=1), tick=False):
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, path
            assert "grain-corridor-reopens" in response.content.decode(), path


# Every move of a schedule made while the pages are already cached: the story must still show on
# every list at its (new) time, and never before it.

SCHEDULED_HEADLINE = "Kherson ferry line resumes"
SCHEDULED_SLUG = "kherson-ferry-line-resumes"


@pytest.fixture
def newsroom(db, editor):
    """A section, a tag and an author with one story out, and a draft of theirs to schedule."""
    with time_machine.travel(NOW, tick=False):
        section, author = SectionFactory(slug="regions"), AuthorFactory()
        tag = Tag.objects.create(name="Kherson", slug="kherson")
        ArticleFactory(section=section, authors=[author], tags=[tag], headline="Already out")
        story = draft(
            section=section,
            authors=[author],
            tags=[tag],
            headline=SCHEDULED_HEADLINE,
            slug=SCHEDULED_SLUG,
        )
        pages = [
            "/",
            section.get_absolute_url(),
            "/tags/kherson/",
            author.get_absolute_url(),
            "/feeds/rss/",
            "/news-sitemap.xml",
            "/sitemap-articles.xml",
            "/search/?q=ferry",
        ]
    return story, pages


def warm(client, pages):
    for path in pages:
        client.get(path)
        response = client.get(path)
        assert response["X-Cache"] == "hit", path
        assert SCHEDULED_SLUG not in response.content.decode(), path


def shown_on(client, pages):
    """The pages that list the story, read as a reader reads them (from the cache if kept)."""
    shown = set()
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        if SCHEDULED_SLUG in response.content.decode():
            shown.add(path)
    return shown


def schedule(story, editor, at):
    publish_article(article=Article.objects.get(pk=story.pk), editor=editor, at=at)


def test_a_story_scheduled_after_the_lists_were_cached_appears_on_them_at_its_time(
    client, page_cache, newsroom, editor
):
    story, pages = newsroom
    with time_machine.travel(NOW, tick=False):
        warm(client, pages)
        schedule(story, editor, GOES_LIVE)
        assert shown_on(client, pages) == set()
    with time_machine.travel(GOES_LIVE - datetime.timedelta(seconds=1), tick=False):
        assert shown_on(client, pages) == set()
    with time_machine.travel(GOES_LIVE + datetime.timedelta(seconds=1), tick=False):
        assert shown_on(client, pages) == set(pages)


def test_a_schedule_moved_earlier_shows_the_story_at_the_new_time(
    client, page_cache, newsroom, editor
):
    story, pages = newsroom
    later = NOW + datetime.timedelta(hours=3)
    with time_machine.travel(NOW, tick=False):
        schedule(story, editor, later)
        warm(client, pages)
        schedule(story, editor, GOES_LIVE)
    with time_machine.travel(GOES_LIVE + datetime.timedelta(seconds=1), tick=False):
        assert shown_on(client, pages) == set(pages)


def test_a_schedule_moved_later_keeps_the_story_off_every_list_until_the_new_time(
    client, page_cache, newsroom, editor
):
    story, pages = newsroom
    later = NOW + datetime.timedelta(hours=3)
    with time_machine.travel(NOW, tick=False):
        schedule(story, editor, GOES_LIVE)
        warm(client, pages)
        schedule(story, editor, later)
    with time_machine.travel(GOES_LIVE + datetime.timedelta(seconds=1), tick=False):
        assert shown_on(client, pages) == set()
    with time_machine.travel(later + datetime.timedelta(seconds=1), tick=False):
        assert shown_on(client, pages) == set(pages)


def test_an_unscheduled_story_never_appears(client, page_cache, newsroom, editor):
    story, pages = newsroom
    with time_machine.travel(NOW, tick=False):
        schedule(story, editor, GOES_LIVE)
        warm(client, pages)
        unpublish_article(article=Article.objects.get(pk=story.pk), editor=editor)
    with time_machine.travel(GOES_LIVE + datetime.timedelta(seconds=1), tick=False):
        assert shown_on(client, pages) == set()


def test_a_tag_and_a_byline_added_to_a_scheduled_story_reach_their_cached_pages(
    client, page_cache, editor
):
    with time_machine.travel(NOW, tick=False):
        other_author = AuthorFactory()
        tag = Tag.objects.create(name="Ferries", slug="ferries")
        ArticleFactory(authors=[other_author], tags=[tag], headline="Already out")
        story = draft(headline=SCHEDULED_HEADLINE, slug=SCHEDULED_SLUG)
        schedule(story, editor, GOES_LIVE)
        pages = ["/tags/ferries/", other_author.get_absolute_url()]
        warm(client, pages)
        story = Article.objects.get(pk=story.pk)
        story.tags.add(tag)
        # Through the ORM's many-to-many manager, past ArticleAuthor.save().
        story.authors.add(other_author)
    with time_machine.travel(GOES_LIVE + datetime.timedelta(seconds=1), tick=False):
        assert shown_on(client, pages) == set(pages)
