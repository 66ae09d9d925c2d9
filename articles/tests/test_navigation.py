"""The section menu on every cached page follows the sections readers can open.

A section is in the menu once its first story is out and leaves it with its last one; every page
shows the menu, so those two moments must reach pages of other sections too.
"""

import datetime

import pytest
import time_machine

from articles.models import Article
from articles.publishing import publish_article, unpublish_article
from articles.tests.factories import ArticleFactory, SectionFactory, draft
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def elsewhere(db):
    """A story in another section, whose page is cached before the menu changes."""
    return ArticleFactory(section=SectionFactory(name="World", slug="world"), headline="Elsewhere")


def in_menu(response, slug):
    return f'href="/sections/{slug}/"' in response.content.decode()


def warm(client, *paths):
    for path in paths:
        client.get(path)
        assert client.get(path)["X-Cache"] == "hit", path


def test_a_sections_first_story_puts_it_in_the_menu_of_every_cached_page(
    client, page_cache, editor, elsewhere, django_capture_on_commit_callbacks
):
    science = SectionFactory(name="Science", slug="science")
    story = draft(section=science, headline="Comet sighted")
    paths = ["/", elsewhere.get_absolute_url(), elsewhere.section.get_absolute_url()]
    warm(client, *paths)
    assert not in_menu(client.get(paths[1]), "science")

    with django_capture_on_commit_callbacks(execute=True):
        publish_article(article=Article.objects.get(pk=story.pk), editor=editor)

    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert in_menu(response, "science"), path


def test_a_sections_last_story_leaving_takes_it_out_of_every_cached_menu(
    client, page_cache, editor, elsewhere, django_capture_on_commit_callbacks
):
    science = SectionFactory(name="Science", slug="science")
    story = ArticleFactory(section=science, headline="Comet sighted")
    paths = ["/", elsewhere.get_absolute_url()]
    warm(client, *paths)
    assert in_menu(client.get(paths[1]), "science")

    with django_capture_on_commit_callbacks(execute=True):
        unpublish_article(article=Article.objects.get(pk=story.pk), editor=editor)

    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not in_menu(response, "science"), path
    assert client.get("/sections/science/").status_code == 404


def test_a_second_story_in_a_listed_section_leaves_other_pages_cached(
    client, page_cache, editor, elsewhere, django_capture_on_commit_callbacks
):
    science = SectionFactory(name="Science", slug="science")
    ArticleFactory(section=science, headline="Comet sighted")
    story = draft(section=science, headline="Comet passes")
    warm(client, elsewhere.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        publish_article(article=Article.objects.get(pk=story.pk), editor=editor)

    response = client.get(elsewhere.get_absolute_url())
    assert response["X-Cache"] == "hit"
    assert in_menu(response, "science")


def test_a_scheduled_first_story_puts_its_section_in_every_warm_menu_at_its_time(
    client, page_cache
):
    with time_machine.travel(NOW, tick=False):
        writer = AuthorFactory()
        world = SectionFactory(name="World", slug="world")
        elsewhere = ArticleFactory(section=world, authors=[writer])
        science = SectionFactory(name="Science", slug="science")
        ArticleFactory(section=science, published_at=NOW + datetime.timedelta(minutes=7))
        # Each kind of page that shows the menu; every one of them must be there to check.
        paths = [
            "/",
            elsewhere.get_absolute_url(),
            world.get_absolute_url(),
            writer.get_absolute_url(),
            "/corrections/",
        ]
        for path in paths:
            assert client.get(path).status_code == 200, path
        warm(client, *paths)
        assert not any(in_menu(client.get(path), "science") for path in paths)

    with time_machine.travel(NOW + datetime.timedelta(minutes=7, seconds=1), tick=False):
        for path in paths:
            assert in_menu(client.get(path), "science"), path
