"""The reader pages the browser tests visit, all from the demo newsroom (``load_demo``)."""

from django.urls import reverse

from demo import content

FEED_URL = reverse("frontpage:front")
SEED_ARTICLE_URL = reverse("articles:detail", args=[content.SEED_ARTICLE.slug])
AUTHOR_URL = reverse("authors:detail", args=[content.KATERYNA_HODUNOVA.slug])

READER_PAGES = {"feed": FEED_URL, "article": SEED_ARTICLE_URL, "author": AUTHOR_URL}
