"""The articles app as a new database makes it: migrations 0001 to 0015 in one straight line.

Made with ``squashmigrations articles 0015`` and rewritten by hand: the tables as the models
describe them today, then what those migrations did beyond the schema. Their functions are
copied here, since this file outlives the ones it replaces.

- The desk's two groups with the rights 0002 and 0006 gave them.
- On PostgreSQL, the GIN index over the stored search vector (0007); the expression index 0004
  made and 0007 dropped is never built. On SQLite, the FTS5 table search reads (0015).
- The rewrites of rows that existed when those migrations ran: bodies cleaned (0008), search
  documents and vectors recomputed (0007), list entries given their story's publish time (0012).
  A new database has no rows yet, so they find nothing; they are kept, elidable, so that this
  file says all the chain did and a later squash drops them.

A database that has run some of 0001–0015 keeps running those files (Django uses this one only
when all or none of them are applied); one that has run all of them takes this one as applied.
"""

import django.contrib.postgres.search
import django.db.models.deletion
import django.db.models.functions.comparison
import django.utils.timezone
import taggit.managers
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

import articles.fields
import articles.models
from articles.sanitizer import sanitize_html
from articles.search_documents import compose_document, vector_sql

CHUNK_SIZE = 1000
ALL = ["add", "change", "delete", "view"]

# Journalists write and submit; editors also publish, schedule and unpublish, add and amend
# corrections and hand out preview links. Neither manages accounts or groups: that stays with
# superusers. Corrections are never deleted: a correction readers saw stays on record.
GROUPS = {
    "Journalists": {
        ("articles", "article"): ["add", "change", "view"],
        ("articles", "articleauthor"): ALL,
        ("articles", "relatedarticle"): ALL,
        ("articles", "taggedarticle"): ALL,
        ("articles", "section"): ["view"],
        ("articles", "correction"): ["view"],
        ("authors", "author"): ["view"],
        ("media", "image"): ["add", "change", "view"],
        ("taggit", "tag"): ["add", "view"],
    },
    "Editors": {
        ("articles", "article"): [*ALL, "publish"],
        ("articles", "articleauthor"): ALL,
        ("articles", "relatedarticle"): ALL,
        ("articles", "taggedarticle"): ALL,
        ("articles", "section"): ALL,
        ("articles", "correction"): ["add", "change", "view"],
        ("articles", "previewlink"): ["add", "change", "view"],
        ("authors", "author"): ALL,
        ("media", "image"): ALL,
        ("taggit", "tag"): ALL,
        ("taggit", "taggeditem"): ALL,
        # Linking an author profile to its login searches the accounts; viewing is not managing.
        ("auth", "user"): ["view"],
    },
}

# SQLite's full-text table (articles.search_documents): the headline, then each part of the
# search document, split into words as Unicode letters and digits, diacritics removed, stemmed
# with Porter's algorithm, so "strikes" finds "strike" and "Un" is a word of its own.
PART_SEPARATOR = "\x1e"
PARTS = ("dek", "body", "tags", "byline", "lead_image")


def create_groups(apps, schema_editor):
    db = schema_editor.connection.alias
    # On a fresh database permissions are only created after every migration has run
    # (post_migrate), so make the ones the groups need now.
    for app_label in sorted({app_label for grants in GROUPS.values() for app_label, _ in grants}):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        wanted = {
            (app_label, f"{action}_{model}")
            for (app_label, model), actions in grants.items()
            for action in actions
        }
        permissions = [
            permission
            for permission in Permission.objects.using(db).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group, _ = Group.objects.using(db).get_or_create(name=name)
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=GROUPS).delete()


def clean_bodies(apps, schema_editor):
    """Bodies written by update() or bulk writes before every write path was cleaned."""
    Article = apps.get_model("articles", "Article")
    dirty = []
    for article in Article.objects.only("pk", "body").iterator(chunk_size=CHUNK_SIZE):
        cleaned = sanitize_html(article.body)
        if cleaned != article.body:
            article.body = cleaned
            dirty.append(article)
    Article.objects.bulk_update(dirty, ["body"], batch_size=CHUNK_SIZE)


def fill_documents_and_vectors(apps, schema_editor):
    """Every search document in its current layout and, on PostgreSQL, its stored vector."""
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


def copy_publish_times(apps, schema_editor):
    """Existing entries take their story's publish time, as every later save keeps them."""
    article = apps.get_model("articles", "Article")
    for model_name, article_field in [
        ("TaggedArticle", "content_object"),
        ("ArticleAuthor", "article"),
    ]:
        publish_time = article.objects.filter(pk=OuterRef(f"{article_field}_id")).values(
            "published_at"
        )
        apps.get_model("articles", model_name).objects.update(
            published_at=Subquery(publish_time[:1])
        )


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
    replaces = [
        ("articles", "0001_initial"),
        ("articles", "0002_editorial_groups"),
        ("articles", "0003_add_embargo_corrections_old_slugs_search"),
        ("articles", "0004_article_search_index"),
        ("articles", "0005_desk_notes_preview_links_and_article_version"),
        ("articles", "0006_desk_rights_for_corrections_and_preview_links"),
        ("articles", "0007_article_body_sanitized_on_every_write"),
        ("articles", "0008_clean_existing_article_bodies"),
        ("articles", "0007_article_search_vector"),
        ("articles", "0008_article_listing_and_desk_indexes"),
        ("articles", "0007_corrections_are_kept_with_their_story"),
        ("articles", "0008_article_choice_for_pickers"),
        ("articles", "0009_merge_desk_search_and_body_cleaning"),
        ("articles", "0010_editorial_notes"),
        ("articles", "0010_article_live_coverage"),
        ("articles", "0011_merge_live_coverage_and_editorial_notes"),
        ("articles", "0012_list_entry_publish_times"),
        ("articles", "0013_drop_tag_article_index"),
        ("articles", "0014_article_latest_live_update"),
        ("articles", "0015_article_search_fts"),
    ]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("authors", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("media", "0002_add_renditions"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Section",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True)),
                ("slug", models.SlugField(max_length=100, unique=True)),
                ("description", models.TextField(blank=True)),
                ("position", models.PositiveSmallIntegerField(default=0, help_text="Order in the site navigation, smallest first.")),
                ("in_navigation", models.BooleanField(default=True, verbose_name="shown in navigation")),
            ],
            options={
                "ordering": ["position", "name"],
            },
        ),
        migrations.CreateModel(
            name="Article",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("headline", models.CharField(max_length=255)),
                ("slug", models.SlugField(max_length=255, unique=True)),
                ("dek", models.TextField(blank=True, help_text="One or two sentences under the headline.", verbose_name="teaser")),
                ("body", articles.fields.SanitizedHTMLField(blank=True, help_text="Cleaned of scripts, unsafe markup and images from other hosts.")),
                ("lead_image_caption", models.TextField(blank=True, help_text="Overrides the image's own caption for this article only.")),
                ("lead_image_credit", models.CharField(blank=True, help_text="Overrides the image's own credit for this article only.", max_length=200)),
                ("status", models.CharField(choices=[("draft", "Draft"), ("in_review", "In review"), ("published", "Published")], default="draft", max_length=20)),
                ("published_at", models.DateTimeField(blank=True, help_text="In the future, the article is scheduled: readers see it from then on.", null=True, verbose_name="publish time")),
                ("embargo_until", models.DateTimeField(blank=True, help_text="Nobody can publish before this time; publishing earlier schedules it for then.", null=True, verbose_name="embargoed until")),
                ("withdrawn_at", models.DateTimeField(blank=True, editable=False, help_text="When a story readers had seen was taken down; its address then answers 410.", null=True)),
                ("revised_at", models.DateTimeField(blank=True, editable=False, help_text="When the words last changed after publication.", null=True, verbose_name="updated")),
                ("live_started_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="live coverage started")),
                ("live_ended_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="live coverage ended")),
                ("live_updated_at", models.DateTimeField(blank=True, editable=False, help_text="When the newest update of its live coverage was published.", null=True, verbose_name="latest live update")),
                ("live_poll_seconds", models.PositiveSmallIntegerField(blank=True, editable=False, help_text="Seconds between readers' checks for new updates; empty for the site's default.", null=True, verbose_name="live poll interval")),
                ("word_count", models.PositiveIntegerField(default=0, editable=False)),
                ("search_document", models.TextField(blank=True, editable=False, help_text="Dek, body text, tags, author names and lead-image words, for full-text search.")),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False, help_text="Counts saves: the desk refuses a save made from a form opened on an older one.")),
                ("created_by", models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("lead_image", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="media.image")),
            ],
            options={
                "ordering": ["-published_at", "-id"],
                "permissions": [("publish_article", "Can publish, schedule and unpublish articles")],
            },
        ),
        migrations.CreateModel(
            name="ArticleChoice",
            fields=[],
            options={
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("articles.article",),
        ),
        migrations.CreateModel(
            name="ArticleAuthor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("published_at", models.DateTimeField(editable=False, null=True)),
                ("role", models.CharField(choices=[("writer", "Writer"), ("photographer", "Photographer"), ("contributor", "Contributor")], default="writer", max_length=20)),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="bylines", to="articles.article")),
                ("author", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="bylines", to="authors.author")),
            ],
            options={
                "ordering": ["position", "id"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="authors",
            field=models.ManyToManyField(blank=True, related_name="articles", through="articles.ArticleAuthor", to="authors.author"),
        ),
        migrations.CreateModel(
            name="ArticleSlug",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(max_length=255, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="old_slugs", to="articles.article")),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Correction",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.TextField()),
                ("kind", models.CharField(choices=[("correction", "Correction"), ("clarification", "Clarification"), ("update", "Update"), ("editors_note", "Editor’s note")], default="correction", max_length=20)),
                ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="corrections", to="articles.article")),
                ("created_by", models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="DeskNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.TextField()),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="desk_notes", to="articles.article")),
                ("created_by", models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="NoteReceipt",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("read_at", models.DateTimeField(blank=True, null=True)),
                ("note", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="receipts", to="articles.desknote")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.AddField(
            model_name="desknote",
            name="recipients",
            field=models.ManyToManyField(blank=True, related_name="+", through="articles.NoteReceipt", to=settings.AUTH_USER_MODEL),
        ),
        migrations.CreateModel(
            name="PreviewLink",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(default=articles.models.new_preview_key, editable=False, max_length=32, unique=True)),
                ("recipient", models.CharField(help_text='Who it is for, e.g. "our lawyer".', max_length=200, verbose_name="shared with")),
                ("expires_at", models.DateTimeField(verbose_name="expires")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="preview_links", to="articles.article")),
                ("created_by", models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="RelatedArticle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("from_article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="picks", to="articles.article")),
                ("to_article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="picked_in", to="articles.article")),
            ],
            options={
                "ordering": ["position", "id"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="related_articles",
            field=models.ManyToManyField(blank=True, help_text="Editor's picks for “Read more”, in order.", related_name="+", through="articles.RelatedArticle", to="articles.article"),
        ),
        migrations.AddField(
            model_name="article",
            name="section",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="articles", to="articles.section"),
        ),
        migrations.CreateModel(
            name="TaggedArticle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("published_at", models.DateTimeField(editable=False, null=True)),
                ("content_object", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="tagged_items", to="articles.article")),
                ("tag", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="%(app_label)s_%(class)s_items", to="taggit.tag")),
            ],
        ),
        migrations.AddField(
            model_name="article",
            name="tags",
            field=taggit.managers.TaggableManager(blank=True, help_text="A comma-separated list of tags.", through="articles.TaggedArticle", to="taggit.Tag", verbose_name="Tags"),
        ),
        migrations.AddIndex(
            model_name="articleauthor",
            index=models.Index(fields=["author", "-published_at", "-article"], name="byline_newest"),
        ),
        migrations.AddConstraint(
            model_name="articleauthor",
            constraint=models.UniqueConstraint(fields=("article", "author"), name="unique_article_author"),
        ),
        migrations.AddIndex(
            model_name="notereceipt",
            index=models.Index(fields=["user", "read_at"], name="note_receipt_unread"),
        ),
        migrations.AddConstraint(
            model_name="notereceipt",
            constraint=models.UniqueConstraint(fields=("note", "user"), name="note_receipt_once_per_person"),
        ),
        migrations.AddConstraint(
            model_name="relatedarticle",
            constraint=models.UniqueConstraint(fields=("from_article", "to_article"), name="unique_related_article"),
        ),
        migrations.AddConstraint(
            model_name="relatedarticle",
            constraint=models.CheckConstraint(condition=models.Q(("from_article", models.F("to_article")), _negated=True), name="related_article_not_itself"),
        ),
        migrations.AddIndex(
            model_name="taggedarticle",
            index=models.Index(fields=["tag", "-published_at", "-content_object"], name="tagged_article_newest"),
        ),
        migrations.AddConstraint(
            model_name="taggedarticle",
            constraint=models.UniqueConstraint(fields=("content_object", "tag"), name="unique_article_tag"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "-published_at", "-id"], name="article_visible_newest"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["section", "status", "-published_at", "-id"], name="article_section_newest"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(models.OrderBy(django.db.models.functions.comparison.Coalesce("revised_at", "published_at"), descending=True), name="article_lastmod"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-updated_at", "-id"], name="article_desk_recent"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(condition=models.Q(("embargo_until__isnull", False)), fields=["embargo_until"], name="article_embargoed"),
        ),
        migrations.RunPython(create_groups, remove_groups),
        migrations.RunPython(clean_bodies, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(fill_documents_and_vectors, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(copy_publish_times, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_vector_index, drop_vector_index),
        migrations.RunPython(create_search_table, drop_search_table),
    ]
