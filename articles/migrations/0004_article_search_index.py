"""A GIN index for full-text search, on PostgreSQL only (SQLite searches without it).

The indexed expression is exactly what ``articles.search`` builds with Django's SearchVector
(headline weighted A, the search document B), so PostgreSQL's planner can use it.
"""

from django.db import migrations

INDEX_SQL = """
CREATE INDEX IF NOT EXISTS article_search ON articles_article USING GIN ((
    setweight(to_tsvector('english'::regconfig, COALESCE(headline, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, COALESCE(search_document, '')), 'B')
))
"""


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_add_embargo_corrections_old_slugs_search"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
    ]
