"""The throwaway production-like site that `make lighthouse` and `make screenshots` look at.

It has its own SQLite database and uploads in var/lighthouse (never var/db.sqlite3 or a
DATABASE_URL from the shell), the demo newsroom, a random secret key, and is served as
`make serve` serves: gunicorn with gunicorn.conf.py, DEBUG off, static files from whitenoise,
plain HTTP (tools.site).
"""

import contextlib
import json
import os
import urllib.request

from tools import site

BASE_DIR = site.BASE_DIR
SITE_DIR = BASE_DIR / "var" / "lighthouse"
DEMO_ARTICLES = 60
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The demo's pages, named after the demo content rather than spelled out here.
PAGE_PATHS_CODE = """
import json
from django.urls import reverse
from django.utils import translation
from articles.models import Article
from demo import content
from demo.live import BLOG
seed = Article.objects.get(slug=content.STORIES.seed.slug)
uk_seed = Article.objects.get(translation_key=seed.translation_key, language="uk")
with translation.override("uk"):
    uk_front = reverse("frontpage:front")
print(json.dumps({
    "feed": reverse("frontpage:front"),
    "article": reverse("articles:detail", args=[content.STORIES.seed.slug]),
    "live": reverse("articles:detail", args=[BLOG.slug]),
    "author": reverse("authors:detail", args=[content.STORIES.seed.byline[0]]),
    "feed-uk": uk_front,
    "article-uk": uk_seed.get_absolute_url(),
}))
"""


def site_env():
    return site.site_env(SITE_DIR)


def page_paths(env):
    return json.loads(site.manage(env, "shell", "-v0", "-c", PAGE_PATHS_CODE).stdout)


def get(url, timeout=120):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return response.status


@contextlib.contextmanager
def demo_site():
    """Prepares the site, serves it and yields ``(base_url, page_paths)``."""
    env = site_env()
    SITE_DIR.mkdir(parents=True, exist_ok=True)
    print(f"Preparing the demo site in {SITE_DIR.relative_to(BASE_DIR)}/ ...", flush=True)
    site.load_demo(env, articles=DEMO_ARTICLES)
    site.manage(env, "collectstatic", "--noinput", "-v0")
    paths = page_paths(env)
    log_path = SITE_DIR / "server.log"
    with site.gunicorn(env, port=site.free_port(), log_path=log_path) as (base_url, _):
        print(f"Serving at {base_url} (log: {log_path.relative_to(BASE_DIR)})", flush=True)
        # The first request for a page makes its image renditions; don't measure that.
        for path in paths.values():
            get(base_url + path)
        yield base_url, paths
