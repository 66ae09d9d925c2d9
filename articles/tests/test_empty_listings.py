"""Tag, section and author pages (and their feeds) exist for readers only with a visible story."""

import pytest

from articles.tests.factories import ArticleFactory, SectionFactory, hidden_articles
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

HIDDEN_NAME = "Operation Quiet Harbour"


def assert_not_found_without_the_name(client, *paths):
    for path in paths:
        response = client.get(path)
        assert response.status_code == 404, path
        assert HIDDEN_NAME not in response.content.decode(), path


def listing_paths(kind, slug):
    return [f"/{kind}/{slug}/", f"/feeds/{kind}/{slug}/rss/", f"/feeds/{kind}/{slug}/atom/"]


class TestTag:
    def test_a_tag_used_only_by_hidden_stories_is_not_found(self, client):
        hidden_articles(tags=[HIDDEN_NAME])
        ArticleFactory(headline="A visible story with another tag", tags=["Energy"])

        assert_not_found_without_the_name(client, *listing_paths("tags", "operation-quiet-harbour"))

    def test_a_tag_with_no_story_at_all_is_not_found(self, client):
        from taggit.models import Tag

        Tag.objects.create(name=HIDDEN_NAME, slug="operation-quiet-harbour")
        assert_not_found_without_the_name(client, *listing_paths("tags", "operation-quiet-harbour"))

    def test_a_tag_with_a_visible_story_is_listed_with_its_name(self, client):
        hidden_articles(tags=[HIDDEN_NAME])
        ArticleFactory(headline="Now public", tags=[HIDDEN_NAME])

        for path in listing_paths("tags", "operation-quiet-harbour"):
            response = client.get(path)
            assert response.status_code == 200, path
            content = response.content.decode()
            assert HIDDEN_NAME in content
            assert "Now public" in content
            assert "Secret draft" not in content

    def test_reading_past_the_end_of_a_visible_tag_still_answers(self, client):
        ArticleFactory(headline="Now public", tags=[HIDDEN_NAME])
        response = client.get("/tags/operation-quiet-harbour/", {"before": "0-1"})
        assert response.status_code == 200
        assert "no older stories" in response.content.decode()


class TestSection:
    def test_a_section_with_only_hidden_stories_is_not_found_nor_in_the_navigation(self, client):
        section = SectionFactory(name=HIDDEN_NAME, slug="quiet-harbour")
        hidden_articles(section=section)
        ArticleFactory(headline="A visible story elsewhere")

        assert_not_found_without_the_name(client, *listing_paths("sections", "quiet-harbour"))
        front_page = client.get("/")
        assert front_page.status_code == 200
        assert HIDDEN_NAME not in front_page.content.decode()

    def test_an_empty_section_is_not_found(self, client):
        SectionFactory(name=HIDDEN_NAME, slug="quiet-harbour")
        assert_not_found_without_the_name(client, *listing_paths("sections", "quiet-harbour"))

    def test_a_section_with_a_visible_story_is_listed_and_in_the_navigation(self, client):
        section = SectionFactory(name=HIDDEN_NAME, slug="quiet-harbour")
        ArticleFactory(headline="Now public", section=section)

        for path in listing_paths("sections", "quiet-harbour"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert HIDDEN_NAME in response.content.decode()
        assert 'href="/sections/quiet-harbour/"' in client.get("/").content.decode()


class TestAuthor:
    def test_an_author_with_only_hidden_stories_is_not_found(self, client):
        author = AuthorFactory(name=HIDDEN_NAME, slug="quiet-harbour")
        hidden_articles(authors=[author])

        assert_not_found_without_the_name(client, *listing_paths("authors", "quiet-harbour"))

    def test_an_author_with_no_story_is_not_found(self, client):
        AuthorFactory(name=HIDDEN_NAME, slug="quiet-harbour")
        assert_not_found_without_the_name(client, *listing_paths("authors", "quiet-harbour"))

    def test_an_author_with_a_visible_story_has_a_page(self, client):
        author = AuthorFactory(name=HIDDEN_NAME, slug="quiet-harbour")
        hidden_articles(authors=[author])
        ArticleFactory(headline="Now public", authors=[author])

        for path in listing_paths("authors", "quiet-harbour"):
            response = client.get(path)
            assert response.status_code == 200, path
            content = response.content.decode()
            assert HIDDEN_NAME in content
            assert "Secret draft" not in content
