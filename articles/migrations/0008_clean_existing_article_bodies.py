"""Bodies written by update() or bulk writes before every write path was cleaned: clean them now."""

from django.db import migrations

from articles.sanitizer import sanitize_html

BATCH = 500


def clean_bodies(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    dirty = []
    for article in Article.objects.only("pk", "body").iterator(chunk_size=BATCH):
        cleaned = sanitize_html(article.body)
        if cleaned != article.body:
            article.body = cleaned
            dirty.append(article)
    Article.objects.bulk_update(dirty, ["body"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_article_body_sanitized_on_every_write")]

    operations = [migrations.RunPython(clean_bodies, migrations.RunPython.noop, elidable=True)]
