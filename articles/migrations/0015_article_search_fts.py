"""SQLite's full-text index: an FTS5 table of each article's headline and search document parts.

PostgreSQL searches its stored vector (migration 0007) and gets nothing here. On SQLite the
table is made and filled from every article's headline and document; from then on
``articles.search_documents`` writes a row wherever it writes the document. The text is split
into words as Unicode letters and digits, diacritics removed, and stemmed with Porter's
algorithm, so "strikes" finds "strike" and "Un" is a word of its own.
"""

from django.db import migrations

PART_SEPARATOR = "\x1e"
PARTS = ("dek", "body", "tags", "byline", "lead_image")
CHUNK_SIZE = 1000


def create_search_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    Article = apps.get_model("articles", "Article")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "CREATE VIRTUAL TABLE articles_search USING fts5("
            f"headline, {', '.join(PARTS)}, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        last_pk = 0
        while True:
            rows = list(
                Article.objects.filter(pk__gt=last_pk)
                .order_by("pk")
                .values_list("pk", "headline", "search_document")[:CHUNK_SIZE]
            )
            if not rows:
                return
            last_pk = rows[-1][0]
            cursor.executemany(
                "INSERT INTO articles_search (rowid, headline, dek, body, tags, byline, "
                "lead_image) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    (pk, headline, *(document.split(PART_SEPARATOR) + [""] * 5)[:5])
                    for pk, headline, document in rows
                ],
            )


def drop_search_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS articles_search")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_article_latest_live_update"),
    ]

    operations = [
        migrations.RunPython(create_search_table, drop_search_table),
    ]
