"""Test settings: the real settings in debug-off shape, minus what tests must not depend on."""

import os
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("NEWSROOM_HTTPS", "0")
# Tests that need the second factor turn it on themselves.
os.environ.setdefault("NEWSROOM_REQUIRE_2FA_FOR_EDITORS", "0")
# Views are tested uncached (their query counts are pinned); delivery/tests turn the cache on.
os.environ.setdefault("NEWSROOM_PAGE_CACHE", "0")
# Two editions, as the demo runs: the default unprefixed and /uk/ (tests of one edition say so).
os.environ.setdefault("NEWSROOM_LANGUAGES", "en,uk")
# Tests run the same on every machine: a developer's .env is not read unless named here.
os.environ.setdefault("NEWSROOM_ENV_FILE", os.devnull)


def redis_url_of_this_worker(url, worker):
    """Each xdist worker (gw0, gw1, ...) on its own Redis database, counted on from the one
    REDIS_URL names: clearing the cache (FLUSHDB) must not empty another worker's. Set in the
    environment so that the sites the tests start use it too."""
    if not url or not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + int(worker[2:])
    return urlunsplit(parts._replace(path=f"/{database}"))


if os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = redis_url_of_this_worker(
        os.environ["REDIS_URL"], os.environ.get("PYTEST_XDIST_WORKER", "")
    )

from newsroom.settings import *  # noqa: E402,F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
