"""A story's changes reach the cached pages that show it, and no others."""

import pytest

from articles.models import Article
from articles.publishing import publish_article
from articles.tests.factories import ArticleFactory, SectionFactory, draft

pytestmark = pytest.mark.django_db


def test_publishing_shows_on_the_next_request(
    client, page_cache, editor, django_capture_on_commit_callbacks
):
    story = draft(headline="Ceasefire announced")
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        publish_article(article=Article.objects.get(pk=story.pk), editor=editor)
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "Ceasefire announced" in response.content.decode()


def test_editing_a_live_story_refreshes_its_pages_and_no_other(client, page_cache):
    story = ArticleFactory(headline="First headline")
    elsewhere = SectionFactory()
    ArticleFactory(section=elsewhere)
    for path in ("/", story.get_absolute_url(), elsewhere.get_absolute_url()):
        client.get(path)
    story = Article.objects.get(pk=story.pk)
    story.headline = "Corrected headline"
    story.save()
    for path in ("/", story.get_absolute_url()):
        response = client.get(path)
        assert response["X-Cache"] == "miss", path
        assert "Corrected headline" in response.content.decode(), path
    assert client.get(elsewhere.get_absolute_url())["X-Cache"] == "hit"


def test_saving_a_draft_leaves_every_page_cached(client, page_cache, invalidations):
    ArticleFactory()
    story = draft(headline="Work in progress")
    client.get("/")
    with invalidations() as change:
        story = Article.objects.get(pk=story.pk)
        story.body = "<p>More words.</p>"
        story.save()
    assert not change.anything
    assert client.get("/")["X-Cache"] == "hit"
