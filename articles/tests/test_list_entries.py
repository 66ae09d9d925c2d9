"""Tag and author pages read their entries' copy of each story's publish time (ListEntry).

Every way a story's time changes or an entry is made must keep the copy, or the story drops
out of its tag's and its authors' lists while the front page still shows it.
"""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.models import Article, ArticleAuthor, TaggedArticle
from articles.tests.factories import ArticleFactory, draft
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


def listed_headlines(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    listed = [article.headline for article in response.context["page"].items]
    for headline in listed:
        assert headline in response.text
    return listed


def entry_times(article):
    """The copies of ``article``'s publish time held by its tag and byline entries."""
    tagged = TaggedArticle.objects.filter(content_object=article)
    bylines = ArticleAuthor.objects.filter(article=article)
    return {
        time
        for entries in (tagged, bylines)
        for time in entries.values_list("published_at", flat=True)
    }


@pytest.fixture
def writer():
    return AuthorFactory(name="Olena Hrytsenko", slug="olena-hrytsenko")


@pytest.fixture
def tag_page():
    return reverse("articles:tag", args=["drones"])


def test_a_draft_published_by_the_desk_joins_its_tag_and_author_pages(
    client, editor, writer, tag_page
):
    ArticleFactory(headline="Older", tags=["Drones"], authors=[writer], published_at=ago(days=1))
    story = draft(headline="Drone strike on the grid", tags=["Drones"], authors=[writer])
    assert entry_times(story) == {None}

    publishing.publish_article(article=story, editor=editor)

    assert entry_times(story) == {Article.objects.get(pk=story.pk).published_at}
    assert listed_headlines(client, tag_page) == ["Drone strike on the grid", "Older"]
    assert listed_headlines(client, writer.get_absolute_url()) == [
        "Drone strike on the grid",
        "Older",
    ]


def test_a_story_scheduled_again_moves_in_its_lists(client, editor, writer, tag_page):
    ArticleFactory(
        headline="Yesterday", tags=["Drones"], authors=[writer], published_at=ago(days=1)
    )
    story = ArticleFactory(
        headline="Rescheduled", tags=["Drones"], authors=[writer], published_at=ago(hours=1)
    )
    publishing.unpublish_article(article=story, editor=editor)
    assert entry_times(story) == {None}
    assert listed_headlines(client, tag_page) == ["Yesterday"]

    # Back on the site, dated two days ago: below yesterday's story, on both lists.
    story.refresh_from_db()
    story.published_at = ago(days=2)
    story.status = Article.Status.PUBLISHED
    story.save()

    assert entry_times(story) == {Article.objects.get(pk=story.pk).published_at}
    assert listed_headlines(client, tag_page) == ["Yesterday", "Rescheduled"]
    assert listed_headlines(client, writer.get_absolute_url()) == ["Yesterday", "Rescheduled"]


def test_a_tag_or_byline_added_to_a_live_story_lists_it_in_its_place(client, writer, tag_page):
    ArticleFactory(headline="Newest", tags=["Drones"], authors=[writer], published_at=ago(hours=1))
    ArticleFactory(headline="Oldest", tags=["Drones"], authors=[writer], published_at=ago(days=3))
    story = ArticleFactory(headline="Middle", published_at=ago(days=1))

    story.tags.add("Drones")
    ArticleAuthor.objects.create(article_id=story.pk, author=writer)

    assert listed_headlines(client, tag_page) == ["Newest", "Middle", "Oldest"]
    assert listed_headlines(client, writer.get_absolute_url()) == ["Newest", "Middle", "Oldest"]


def test_bylines_added_through_the_orm_list_the_story_on_the_author_page(client, writer):
    """``authors.add()`` and ``author.articles.add()`` write past ``ArticleAuthor.save()``."""
    ArticleFactory(headline="Older", authors=[writer], published_at=ago(days=1))
    added = ArticleFactory(headline="Added with authors.add()", published_at=ago(hours=2))
    added.authors.add(writer)
    reverse_added = ArticleFactory(headline="Added from the author", published_at=ago(hours=3))
    writer.articles.add(reverse_added)
    assert listed_headlines(client, writer.get_absolute_url()) == [
        "Added with authors.add()",
        "Added from the author",
        "Older",
    ]
    assert entry_times(added) == {added.published_at}
    found = client.get(reverse("articles:search"), {"q": "Hrytsenko"})
    assert "Added with authors.add()" in found.text
    assert "Added from the author" in found.text


def test_an_embargo_that_moves_the_publish_time_moves_the_copies(editor, writer):
    lifts = timezone.now() + datetime.timedelta(hours=3)
    story = draft(tags=["Drones"], authors=[writer])
    story.embargo_until = lifts
    story.save()

    publishing.publish_article(article=story, editor=editor)

    assert entry_times(story) == {lifts}


def test_a_save_of_other_fields_leaves_the_copies_for_the_save_that_writes_the_time(writer):
    story = ArticleFactory(tags=["Drones"], authors=[writer], published_at=ago(hours=5))
    stored = Article.objects.get(pk=story.pk).published_at
    story.published_at = ago(hours=1)

    story.save(update_fields=["headline"])
    assert entry_times(story) == {stored}

    story.save()
    assert entry_times(story) == {Article.objects.get(pk=story.pk).published_at} != {stored}


def test_a_tag_page_continues_from_its_cursor_without_repeats_or_gaps(client, tag_page):
    for n in range(25):
        ArticleFactory(headline=f"Drone story {n}", tags=["Drones"], published_at=ago(hours=n + 1))
    # Stories without the tag in between: the cursor must seek within the tag's own list.
    for n in range(25):
        ArticleFactory(headline=f"Other story {n}", published_at=ago(hours=n + 1, minutes=30))

    first = client.get(tag_page)
    page = first.context["page"]
    second = listed_headlines(client, f"{tag_page}?before={page.next_cursor}")

    listed = [article.headline for article in page.items] + second
    assert listed == [f"Drone story {n}" for n in range(25)]


# The first runs on a database part-way through the old migrations, its copy in the squashed
# migration on a new one.
@pytest.mark.parametrize(
    "name", ["0012_list_entry_publish_times", "0001_squashed_0015_article_search_fts"]
)
def test_the_migration_copies_existing_publish_times(writer, name):
    story = ArticleFactory(tags=["Drones", "Energy"], authors=[writer])
    never_published = draft(tags=["Drones"], authors=[writer])
    TaggedArticle.objects.update(published_at=None)
    ArticleAuthor.objects.update(published_at=None)
    migration = importlib.import_module(f"articles.migrations.{name}")

    migration.copy_publish_times(apps, schema_editor=None)

    assert entry_times(story) == {story.published_at}
    assert entry_times(never_published) == {None}
