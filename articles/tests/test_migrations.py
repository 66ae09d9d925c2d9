"""A new database runs each app's migrations in one straight line; an existing one upgrades.

The articles migrations 0001–0015 (three 0007s, three 0008s, two 0010s, two merges) are squashed
into one. A new database runs that one and those written since, in a line; a database made by
the old files, wherever it stopped, keeps its stories and ends with the same tables, indexes and
desk rights.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search_documents import compose_document, document_parts, vector_sql
from tools import site

SQUASHED = ("articles", "0001_squashed_0015_article_search_fts")
# Written since the squash; a new database runs them after it, in this order.
SINCE_SQUASH = ("0016_article_gallery_images", "0017_editions")
PROJECT_APPS = ("articles", "authors", "delivery", "frontpage", "live", "media", "newsletters")
HEADLINE = "Ferries cross the Dnipro again"
BODY = '<p>Pontoon crossings reopen at dawn.<script>alert("x")</script></p>'


@pytest.mark.django_db
def test_makemigrations_finds_the_models_and_the_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_a_new_database_runs_one_articles_migration_and_no_merge():
    executor = MigrationExecutor(connection)
    plan = [
        migration
        for migration, _ in executor.migration_plan(
            executor.loader.graph.leaf_nodes(), clean_start=True
        )
    ]

    assert [m.name for m in plan if m.app_label == "articles"] == [SQUASHED[1], *SINCE_SQUASH]
    for app_label in PROJECT_APPS:
        names = [m.name for m in plan if m.app_label == app_label]
        parents = [
            [name for label, name in m.dependencies if label == app_label]
            for m in plan
            if m.app_label == app_label
        ]
        # Each migration follows the one before it, and only that one.
        assert parents == [[]] + [[name] for name in names[:-1]], app_label


def test_migrate_plan_on_a_new_database_lists_one_articles_migration(tmp_path):
    planned = site.manage(site.site_env(tmp_path), "migrate", "--plan").stdout

    articles = [line for line in planned.splitlines() if line.startswith("articles.")]
    assert articles == [f"articles.{name}" for name in (SQUASHED[1], *SINCE_SQUASH)]
    assert "merge" not in planned


def schema():
    """Every table's columns, indexes and constraints, as the database reports them."""
    introspection = connection.introspection
    tables = {}
    with connection.cursor() as cursor:
        for table in introspection.table_names(cursor):
            constraints = introspection.get_constraints(cursor, table)
            # SQLite numbers unnamed constraints in column order, which differs with the
            # order the fields were added in; what they constrain must not.
            unnamed = sorted(
                repr(sorted(constraint.items()))
                for name, constraint in constraints.items()
                if name.startswith("__unnamed")
            )
            named = {
                name: constraint
                for name, constraint in constraints.items()
                if not name.startswith("__unnamed")
            }
            columns = sorted(
                tuple(column) for column in introspection.get_table_description(cursor, table)
            )
            tables[table] = {"columns": columns, "constraints": named, "unnamed": unnamed}
    return tables


def desk_rights():
    return {
        group.name: sorted(
            f"{app_label}.{codename}"
            for app_label, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        for group in Group.objects.all()
    }


def migrate_with_the_old_files_to(name):
    """The database as the migrations before the squash left it when articles stood at ``name``:
    every migration of every app that needs no later articles migration, and no record of the
    squashed one."""
    MigrationExecutor(connection).migrate([("articles", None)])
    executor = MigrationExecutor(connection)
    executor.loader = MigrationLoader(connection, replace_migrations=False)
    graph = executor.loader.graph
    reached = {key for key in graph.forwards_plan(("articles", name)) if key[0] == "articles"}
    runnable = {
        key
        for key in graph.nodes
        if key != SQUASHED
        and all(step in reached for step in graph.forwards_plan(key) if step[0] == "articles")
    }
    targets = [
        key
        for key in runnable
        if not {child.key for child in graph.node_map[key].children} & runnable
        and key not in executor.loader.applied_migrations
    ]
    executor.migrate(targets)
    # Having run all it replaces, Django records the squashed migration as applied; a database
    # made before it existed has no such row.
    MigrationRecorder(connection).record_unapplied(*SQUASHED)
    return executor.loader.project_state(("articles", name)).apps


def put_story(apps, published_at):
    """A published story with a byline and a tag, written as the site wrote it at that state."""
    Article = apps.get_model("articles", "Article")
    ArticleAuthor = apps.get_model("articles", "ArticleAuthor")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    author = apps.get_model("authors", "Author").objects.create(
        name="Olena Hrytsenko", slug="olena"
    )
    tag = apps.get_model("taggit", "Tag").objects.create(name="Ferries", slug="ferries")
    section = apps.get_model("articles", "Section").objects.create(name="Ukraine", slug="ukraine")
    article = Article.objects.create(
        headline=HEADLINE,
        slug="ferries-cross-the-dnipro-again",
        dek="Traffic returns to the river.",
        body=BODY,
        status="published",
        published_at=published_at,
        section=section,
    )
    entries = [
        ArticleAuthor.objects.create(article=article, author=author),
        TaggedArticle.objects.create(content_object=article, tag=tag),
    ]
    if any(field.name == "published_at" for field in ArticleAuthor._meta.get_fields()):
        for entry in entries:
            entry.published_at = published_at
            entry.save(update_fields=["published_at"])
    if any(field.name == "search_vector" for field in Article._meta.get_fields()):
        # Until the stored vector (0007) the document had another layout, which 0007 rewrote.
        document = compose_document(
            article.dek, BODY, [tag.name], [author.name], caption="", credit=""
        )
        Article.objects.filter(pk=article.pk).update(search_document=document)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"UPDATE articles_article SET search_vector = "
                    f"{vector_sql('headline', 'search_document')} WHERE id = %s",
                    [article.pk],
                )
            elif "articles_search" in connection.introspection.table_names(cursor):
                cursor.execute(
                    "INSERT INTO articles_search (rowid, headline, dek, body, tags, byline, "
                    "lead_image) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    [article.pk, HEADLINE, *document_parts(document)],
                )
    return article.pk


def search_row(pk):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT search_vector IS NOT NULL FROM articles_article WHERE id = %s", [pk]
            )
        else:
            cursor.execute(
                "SELECT body LIKE '%%Pontoon%%' FROM articles_search WHERE rowid = %s", [pk]
            )
        return cursor.fetchone()


@pytest.fixture(scope="module")
def new_database(django_db_setup, django_db_blocker):
    """The tables and desk rights of a new database: articles and every app that needs it
    unapplied, then applied by the squashed migration. Made again here, once, because an
    earlier test's flush removes the groups the migrations made."""
    with django_db_blocker.unblock():
        MigrationExecutor(connection).migrate([("articles", None)])
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        assert SQUASHED in MigrationRecorder(connection).applied_migrations()
        return schema(), desk_rights()


@pytest.fixture
def back_to_the_newest_migrations():
    """Whatever happens in the test, the next tests find every migration applied."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "old_state",
    [
        # Before the branches: 0007 rewrites its document, 0008 cleans its body, 0012 dates its
        # byline and tag, 0015 indexes it, and the merges run.
        "0006_desk_rights_for_corrections_and_preview_links",
        # After the merges, before the latest live update and SQLite's full-text table.
        "0013_drop_tag_article_index",
        # The old head, every app migrated: nothing is left to run, the squash is recorded.
        "0015_article_search_fts",
    ],
)
def test_a_database_made_by_the_old_migrations_upgrades_with_its_story_and_desk_rights(
    client, old_state, new_database, back_to_the_newest_migrations
):
    new_schema, new_rights = new_database
    assert {"Journalists", "Editors"} <= set(new_rights)
    published_at = timezone.now() - timedelta(hours=3)

    pk = put_story(migrate_with_the_old_files_to(old_state), published_at)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert SQUASHED in MigrationRecorder(connection).applied_migrations()
    assert MigrationExecutor(connection).migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert schema() == new_schema
    assert desk_rights() == new_rights
    assert "articles.publish_article" in new_rights["Editors"]
    assert "articles.publish_article" not in new_rights["Journalists"]
    assert "articles.view_correction" in new_rights["Journalists"]

    story = Article.objects.published().get(pk=pk)
    assert (story.headline, story.published_at) == (HEADLINE, published_at)
    assert "<script>" not in story.body
    assert [author.name for author in story.byline] == ["Olena Hrytsenko"]
    assert search_row(pk) == (True,)
    for url in [
        story.get_absolute_url(),
        reverse("articles:search") + "?q=pontoon",
        reverse("articles:tag", kwargs={"slug": "ferries"}),
        reverse("authors:detail", kwargs={"slug": "olena"}),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert HEADLINE in response.text, url
