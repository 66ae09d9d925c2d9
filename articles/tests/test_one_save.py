"""One way through a save: the desk form, a list action, an autosave and a command each write the
story's row once, invalidate the cache once and refresh the search document once per save."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import signals
from articles.models import Article
from articles.tests.desk import open_form, press
from articles.tests.factories import ArticleFactory, SectionFactory, draft
from articles.tests.test_admin import run_action
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


class Counted:
    """What one save cost: row writes of the story, cache invalidations, search refreshes."""

    def __init__(self, invalidations, monkeypatch):  # noqa: F811
        self.recorder = invalidations
        self.refreshed = []
        refresh = signals.refresh_documents_of

        def counting(pks):
            self.refreshed.append(set(pks))
            refresh(pks)

        # The one function a change's search refresh runs, once per change that needs it.
        monkeypatch.setattr(signals, "refresh_documents_of", counting)

    def __enter__(self):
        self.change = self.recorder().__enter__()
        self.queries = CaptureQueriesContext(connection).__enter__()
        return self

    def __exit__(self, *exc_info):
        self.queries.__exit__(*exc_info)

    def sql(self):
        return [query["sql"] for query in self.queries.captured_queries]

    @property
    def row_writes(self):
        return sum(
            text.startswith('INSERT INTO "articles_article"')
            or (text.startswith('UPDATE "articles_article" SET') and '"version"' in text)
            for text in self.sql()
        )

    @property
    def search_refreshes(self):
        return len(self.refreshed)

    @property
    def invalidations(self):
        return self.change.versions.clock() - self.change.clock


@pytest.fixture
def counted(invalidations, monkeypatch):  # noqa: F811
    return lambda: Counted(invalidations, monkeypatch)


def test_a_desk_save_with_edits_tags_byline_and_a_step_is_one_write(client, editor, counted):
    writer, second = AuthorFactory(), AuthorFactory()
    story = draft(headline="Dam breached", authors=[writer])
    client.force_login(editor)
    opened = open_form(client, story)
    with counted() as cost:
        response = press(
            client,
            story,
            step="publish",
            opened_version=opened,
            headline="Dam breached in Kherson",
            tags="floods, Kherson",
            **{
                "bylines-TOTAL_FORMS": "1",
                "bylines-0-author": str(second.pk),
                "bylines-0-role": "writer",
                "bylines-0-position": "1",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = Article.objects.get(pk=story.pk)
    assert (stored.headline, stored.is_published()) == ("Dam breached in Kherson", True)
    assert sorted(stored.tags.names()) == ["Kherson", "floods"]
    assert set(stored.authors.all()) == {writer, second}
    assert "Kherson" in stored.search_document
    assert (cost.row_writes, cost.invalidations, cost.search_refreshes) == (1, 1, 1)


def test_a_new_story_saved_as_a_draft_is_one_write(client, journalist, counted):
    AuthorFactory(user=journalist)
    client.force_login(journalist)
    section = SectionFactory()
    data = {
        "headline": "Council approves the budget",
        "slug": "council-approves-the-budget",
        "section": str(section.pk),
        "dek": "",
        "body": "<p>The council voted at midnight.</p>",
        "step": "save",
        "tags": "budget",
        "lead_image": "",
        "lead_image_caption": "",
        "lead_image_credit": "",
    }
    for prefix in ("bylines", "picks", "corrections"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    with counted() as cost:
        response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    story = Article.objects.get(slug="council-approves-the-budget")
    assert story.tags.names()[0] == "budget"
    # A draft is on no page: nothing to invalidate.
    assert (cost.row_writes, cost.invalidations, cost.search_refreshes) == (1, 0, 1)


def test_a_list_action_is_one_write_per_story(client, editor, counted):
    stories = [draft(), draft()]
    client.force_login(editor)
    with counted() as cost:
        run_action(client, "publish_now", *stories)
    assert Article.objects.published().count() == 2
    assert (cost.row_writes, cost.invalidations) == (2, 2)


def test_an_autosave_is_one_write(client, journalist, counted):
    story = draft(created_by=journalist)
    client.force_login(journalist)
    version = Article.objects.get(pk=story.pk).version
    with counted() as cost:
        response = client.post(
            reverse("admin:articles_article_autosave", args=[story.pk]),
            {"opened_version": str(version), "body": "<p>Typed on.</p>"},
        )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert Article.objects.get(pk=story.pk).body == "<p>Typed on.</p>"
    assert (cost.row_writes, cost.invalidations, cost.search_refreshes) == (1, 0, 1)


def test_the_publish_command_is_one_write(editor, counted):
    story = draft(slug="night-shift-report")
    with counted() as cost:
        call_command("publish", "night-shift-report", "--editor", "editor", stdout=io.StringIO())
    assert Article.objects.get(pk=story.pk).is_published() is True
    # Publishing changes nothing search reads.
    assert (cost.row_writes, cost.invalidations, cost.search_refreshes) == (1, 1, 0)


def test_the_publish_command_refuses_with_the_services_reason(editor):
    draft(slug="nobody-wrote-this", authors=[])
    with pytest.raises(Exception, match="no byline"):
        call_command("publish", "nobody-wrote-this", "--editor", "editor", stdout=io.StringIO())
    assert not Article.objects.published().exists()


def test_an_orm_save_outside_the_services_still_reaches_the_cache(counted):
    story = Article.objects.get(pk=ArticleFactory().pk)
    with counted() as cost:
        story.headline = "Renamed through the ORM"
        story.save()
    assert (cost.row_writes, cost.invalidations, cost.search_refreshes) == (1, 1, 1)
