"""Every write path stores only cleaned bodies, and the article page prints nothing else."""

import pytest
from django.db import connection

from articles.models import Article
from articles.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Hello <script>alert("x")</script>reader.</p>'
    '<p><img src="https://tracker.example/pixel.gif" alt="" width="1" height="1"></p>'
    '<p><img src="/media/uploads/map.png" alt="Map"></p>'
)
CLEAN = '<p>Hello reader.</p><p></p><p><img src="/media/uploads/map.png" alt="Map"></p>'


def stored_body(article):
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM articles_article WHERE id = %s", [article.pk])
        return cursor.fetchone()[0]


def test_save_stores_the_cleaned_body():
    article = ArticleFactory(body=HOSTILE)
    assert stored_body(article) == CLEAN


def test_queryset_update_stores_the_cleaned_body():
    article = ArticleFactory(body="<p>Before.</p>")
    Article.objects.filter(pk=article.pk).update(body=HOSTILE)
    assert stored_body(article) == CLEAN


def test_bulk_create_stores_cleaned_bodies():
    template = ArticleFactory.build()
    template.section.save()
    created = Article.objects.bulk_create(
        [
            Article(headline=f"Story {number}", slug=f"story-{number}", body=HOSTILE,
                    section=template.section)
            for number in range(2)
        ]
    )  # fmt: skip
    assert [stored_body(article) for article in created] == [CLEAN, CLEAN]


def test_bulk_update_stores_cleaned_bodies():
    articles = [ArticleFactory(body="<p>Before.</p>") for _ in range(2)]
    for article in articles:
        article.body = HOSTILE
    Article.objects.bulk_update(articles, ["body"])
    assert [stored_body(article) for article in articles] == [CLEAN, CLEAN]


def test_images_from_an_allowed_host_are_kept(settings):
    settings.NEWSROOM_BODY_IMAGE_HOSTS = ["images.example.org"]
    article = ArticleFactory(
        body='<p><img src="https://images.example.org/a.jpg" alt="A">'
        '<img src="https://images.example.org.tracker.example/a.jpg" alt="B"></p>'
    )
    assert stored_body(article) == '<p><img src="https://images.example.org/a.jpg" alt="A"></p>'


def test_the_article_page_never_shows_a_script_or_a_foreign_image(client):
    article = ArticleFactory(body="<p>Placeholder.</p>")
    # Written around the ORM, as an old row or another program might have.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET body = %s WHERE id = %s", [HOSTILE, article.pk])

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Hello reader." in content
    assert 'alert("x")' not in content
    assert "onclick" not in content
    assert "tracker.example" not in content
    assert '<img src="/media/uploads/map.png" alt="Map">' in content


# The first runs on a database part-way through the old migrations, its copy in the squashed
# migration on a new one.
@pytest.mark.parametrize(
    "name", ["0008_clean_existing_article_bodies", "0001_squashed_0015_article_search_fts"]
)
def test_the_existing_bodies_migration_cleans_rows_written_before(name):
    from importlib import import_module

    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, replace_migrations=False)
    apps = loader.project_state(("articles", name)).apps
    article = ArticleFactory(body="<p>Placeholder.</p>")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET body = %s WHERE id = %s", [HOSTILE, article.pk])
    migration = import_module(f"articles.migrations.{name}")
    migration.clean_bodies(apps, None)
    assert stored_body(article) == CLEAN
