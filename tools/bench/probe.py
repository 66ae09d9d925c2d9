"""The benchmark's look inside Django, run as its own process against one archive.

    python -m tools.bench.probe status|maintain|pages
    python -m tools.bench.probe split-editions SHARE
    python -m tools.bench.probe queries PATH...
    python -m tools.bench.probe new-lead-image
    python -m tools.bench.probe remove-story ARTICLE_ID

Each prints one JSON document. Settings come from the environment, as for the server.
"""

import contextlib
import json
import os
import sys

import django
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

SEARCH_QUERY = "russia sanctions"
# The Ukrainian search: the same words, as a Ukrainian reader's query is run (stems as prefixes).
UKRAINIAN_SEARCH_QUERY = "russia sanctions"
NEW_LEAD_IMAGE_SIZE = (6000, 4000)
MIXED_ARTICLES = 40


def status():
    from articles.models import Article

    try:
        return {"articles": Article.objects.count()}
    except DatabaseError as error:  # No tables yet: the archive must be built.
        return {"articles": 0, "error": str(error).strip()}


def maintain():
    """VACUUM and ANALYZE: a bulk load leaves the planner without statistics."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("VACUUM")
            cursor.execute("ANALYZE")
    return {"vendor": connection.vendor}


def pages():
    """The measured pages, named after the demo content, and a mix of many more for the
    memory run."""
    from taggit.models import Tag

    from articles.models import Article, Section
    from demo import content

    tag = Tag.objects.get(name="Russia")
    section = Section.objects.get(slug=content.STORIES.seed.section)
    measured = {
        "feed": reverse("frontpage:front"),
        "article": reverse("articles:detail", args=[content.STORIES.seed.slug]),
        "author": reverse("authors:detail", args=[content.STORIES.seed.byline[0]]),
        "tag": reverse("articles:tag", args=[tag.slug]),
        "section": reverse("articles:section", args=[section.slug]),
        "search": reverse("articles:search") + "?q=" + SEARCH_QUERY.replace(" ", "+"),
        "rss": reverse("articles:feed_rss"),
        "sitemap": reverse("articles:sitemap"),
        "sitemap-articles": reverse("articles:sitemap_section", args=["articles"]),
        "news-sitemap": reverse("articles:news_sitemap"),
    }
    if Article.objects.filter(language="uk").exists():
        with translation.override("uk"):
            measured["uk-feed"] = reverse("frontpage:front")
            measured["uk-search"] = (
                reverse("articles:search") + "?q=" + UKRAINIAN_SEARCH_QUERY.replace(" ", "+")
            )
    recent = Article.objects.published().order_by("-published_at")[:MIXED_ARTICLES]
    mixed = [
        *measured.values(),
        *(article.get_absolute_url() for article in recent),
        *(
            reverse("articles:section", args=[slug])
            for slug in Section.objects.values_list("slug", flat=True)
        ),
        *(
            reverse("articles:tag", args=[slug])
            for slug in Tag.objects.values_list("slug", flat=True)[:20]
        ),
        reverse("articles:search") + "?q=ukraine",
        reverse("articles:search") + "?q=north+korea",
    ]
    return {"pages": measured, "mixed": mixed}


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def queries(paths):
    """Status, body bytes and queries of each path's second request through the full stack
    (the first may warm caches or make image renditions)."""
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for path in paths:
        client.get(path)
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        results[path] = {
            "status": response.status_code,
            "bytes": len(body),
            "queries": counter.count,
        }
    return results


def new_lead_image():
    """Publish a story whose lead image is a new 6000×4000 photograph; returns its path."""
    import io

    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.utils.crypto import get_random_string
    from PIL import Image as Picture
    from PIL import ImageDraw

    from articles.models import Article, Section
    from articles.publishing import publish_article
    from media.models import Image

    picture = Picture.linear_gradient("L").resize(NEW_LEAD_IMAGE_SIZE).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for step in range(0, NEW_LEAD_IMAGE_SIZE[0], 150):
        draw.ellipse((step, step % 4000, step + 600, step % 4000 + 400), fill=(step % 255, 90, 40))
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=85)
    token = get_random_string(8).lower()
    image = Image(alt_text=f"Benchmark photograph {token}", caption="A large new photograph.")
    image.file.save(
        f"bench-{token}.jpg", ContentFile(data.getvalue(), name="bench.jpg"), save=False
    )
    image.save()
    editor, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    editor.set_unusable_password()
    editor.save()
    article = Article(
        headline=f"Benchmark story with a new large photograph {token}",
        slug=f"benchmark-story-{token}",
        dek="A story published by the benchmark to time the first view of a new photograph.",
        body="<p>Published by the benchmark.</p>" * 20,
        section=Section.objects.order_by("position").first(),
        lead_image=image,
    )
    article.save()
    publish_article(article=article, editor=editor)
    return {
        "path": article.get_absolute_url(),
        "article_id": article.pk,
        "image_id": image.pk,
        "image_bytes": len(data.getvalue()),
    }


def split_editions(share):
    """Move ``share`` of the stories (two in five for 0.4, spread evenly over the archive) into
    the Ukrainian edition when the archive has none: the benchmark's split between editions
    over the demo's English stories. Their list entries follow, and their search vectors are
    made again in the Ukrainian configuration."""
    from django.db.models import F

    from articles.models import Article, ArticleAuthor, TaggedArticle
    from articles.search_documents import refresh_search_documents

    if Article.objects.filter(language="uk").exists():
        return {"ukrainian": Article.objects.filter(language="uk").count(), "moved": 0}
    every = 5
    moved_per_five = round(float(share) * every)
    # The seed story and the newest stay English: the measured English pages stay as they were.
    newest = Article.objects.order_by("-published_at").values_list("pk", flat=True)[:50]
    moving = (
        Article.objects.annotate(slot=F("pk") % every)
        .filter(slot__lt=moved_per_five)
        .exclude(pk__in=list(newest))
    )
    pks = list(moving.values_list("pk", flat=True))
    Article.objects.filter(pk__in=pks).update(language="uk")
    TaggedArticle.objects.filter(content_object_id__in=pks).update(language="uk")
    ArticleAuthor.objects.filter(article_id__in=pks).update(language="uk")
    refresh_search_documents(Article.objects.filter(pk__in=pks), force=True)
    return {"ukrainian": len(pks), "moved": len(pks)}


def remove_story(article_id):
    from django.contrib.auth import get_user_model

    from articles.models import Article

    article = Article.objects.select_related("lead_image").get(pk=article_id)
    image = article.lead_image
    # The benchmark's own throwaway story: it goes without the withdrawal a reader's story gets.
    Article.objects.filter(pk=article.pk).delete()
    if image is not None:
        for rendition in image.renditions.all():
            with contextlib.suppress(OSError):
                rendition.file.delete(save=False)
        with contextlib.suppress(OSError):
            image.file.delete(save=False)
        image.delete()
    get_user_model().objects.filter(username="bench-editor").delete()
    return {"removed": article_id}


COMMANDS = {
    "status": lambda args: status(),
    "maintain": lambda args: maintain(),
    "pages": lambda args: pages(),
    "queries": queries,
    "new-lead-image": lambda args: new_lead_image(),
    "remove-story": lambda args: remove_story(int(args[0])),
    "split-editions": lambda args: split_editions(args[0]),
}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tools.bench.settings")
    django.setup()
    name, *arguments = sys.argv[1:] or ["status"]
    print(json.dumps(COMMANDS[name](arguments)))


if __name__ == "__main__":
    main()
