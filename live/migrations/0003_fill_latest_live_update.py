from django.db import migrations
from django.db.models import Max, OuterRef, Subquery


def fill_latest_live_update(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    LiveUpdate = apps.get_model("live", "LiveUpdate")
    newest = (
        LiveUpdate.objects.filter(article=OuterRef("pk"), status="published")
        .values("article")
        .annotate(newest=Max("published_at"))
        .values("newest")
    )
    Article.objects.filter(live_started_at__isnull=False).update(
        live_updated_at=Subquery(newest[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_article_latest_live_update"),
        ("live", "0002_desk_rights_for_live_coverage"),
    ]

    operations = [migrations.RunPython(fill_latest_live_update, migrations.RunPython.noop)]
