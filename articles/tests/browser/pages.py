"""The reader pages the browser tests visit, all from the demo newsroom (``load_demo``)."""

from django.urls import reverse
from django.utils import translation

FEED_URL = reverse("frontpage:front")
SEED_SLUG = (
    "north-korea-sends-nearly-15000-migrants-to-russia-to-cover-labor-market-shortage-wsj-reports"
)
SEED_ARTICLE_URL = reverse("articles:detail", args=[SEED_SLUG])
# The seed story's author box.
AUTHOR_URL = reverse("authors:detail", args=["kateryna-hodunova"])

# The seed story in the Ukrainian edition (demo/data/edition-uk.json).
UK_SEED_SLUG = (
    "pivnichna-koreia-vidpravyla-do-rosii-maizhe-15-tysiach-mihrantiv-shchob-pokryty-nestachu-"
    "robochoi-syly-wsj"
)
with translation.override("uk"):
    UK_FEED_URL = reverse("frontpage:front")
    UK_SEED_ARTICLE_URL = reverse("articles:detail", args=[UK_SEED_SLUG])

READER_PAGES = {
    "feed": FEED_URL,
    "article": SEED_ARTICLE_URL,
    "author": AUTHOR_URL,
    "feed-uk": UK_FEED_URL,
    "article-uk": UK_SEED_ARTICLE_URL,
}
