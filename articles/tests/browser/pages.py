"""The reader pages the browser tests visit, all from the demo newsroom (``load_demo``)."""

from django.urls import reverse

FEED_URL = reverse("frontpage:front")
SEED_SLUG = (
    "north-korea-sends-nearly-15000-migrants-to-russia-to-cover-labor-market-shortage-wsj-reports"
)
SEED_ARTICLE_URL = reverse("articles:detail", args=[SEED_SLUG])
# The seed story's author box.
AUTHOR_URL = reverse("authors:detail", args=["kateryna-hodunova"])

READER_PAGES = {"feed": FEED_URL, "article": SEED_ARTICLE_URL, "author": AUTHOR_URL}
