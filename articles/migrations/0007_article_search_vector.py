"""A stored, weighted search vector with its GIN index (PostgreSQL), replacing the expression index.

Ranking used to parse every matching headline and document again (``ts_rank`` over the indexed
expression); the stored vector is read as it is. Every document is recomputed in the new layout
(which adds the lead image's caption and credit) and, on PostgreSQL, its vector filled.
"""

import django.contrib.postgres.search
from django.db import migrations, models

from articles.search_documents import compose_document, vector_sql

CHUNK_SIZE = 1000


def fill_documents_and_vectors(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    ArticleAuthor = apps.get_model("articles", "ArticleAuthor")
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        update = (
            "UPDATE articles_article SET search_document = new.document, search_vector = "
            f"{vector_sql('articles_article.headline', 'new.document')} "
            "FROM (SELECT %s::text AS document) AS new WHERE articles_article.id = %s"
        )
    else:
        update = "UPDATE articles_article SET search_document = %s WHERE id = %s"
    last_pk = 0
    while True:
        rows = list(
            Article.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list(
                "pk",
                "dek",
                "body",
                "lead_image_caption",
                "lead_image_credit",
                "lead_image__caption",
                "lead_image__credit",
            )[:CHUNK_SIZE]
        )
        if not rows:
            return
        last_pk = rows[-1][0]
        pks = [row[0] for row in rows]
        tags = {pk: [] for pk in pks}
        for pk, name in (
            TaggedArticle.objects.filter(content_object_id__in=pks)
            .order_by("tag__name")
            .values_list("content_object_id", "tag__name")
        ):
            tags[pk].append(name)
        names = {pk: [] for pk in pks}
        for pk, name in (
            ArticleAuthor.objects.filter(article_id__in=pks)
            .order_by("position", "id")
            .values_list("article_id", "author__name")
        ):
            names[pk].append(name)
        documents = [
            (
                compose_document(
                    dek,
                    body,
                    tags[pk],
                    names[pk],
                    caption=caption or image_caption or "",
                    credit=credit or image_credit or "",
                ),
                pk,
            )
            for pk, dek, body, caption, credit, image_caption, image_credit in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(update, documents)


def drop_expression_index(apps, schema_editor):
    # Before the documents are rewritten, so that each update does not feed it once more.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search")


def create_vector_index(apps, schema_editor):
    # After the vectors are filled: one build of the index instead of an insertion per row.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_search_vector ON articles_article "
            "USING GIN (search_vector)"
        )


def drop_vector_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_desk_rights_for_corrections_and_preview_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="article",
            name="search_document",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text=(
                    "Dek, body text, tags, author names and lead-image words, for full-text search."
                ),
            ),
        ),
        migrations.RunPython(drop_expression_index, migrations.RunPython.noop),
        migrations.RunPython(fill_documents_and_vectors, migrations.RunPython.noop),
        migrations.RunPython(create_vector_index, drop_vector_index),
    ]
