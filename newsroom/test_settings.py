"""Test settings: the real settings in debug-off shape, minus what tests must not depend on."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("NEWSROOM_HTTPS", "0")
# Tests that need the second factor turn it on themselves.
os.environ.setdefault("NEWSROOM_REQUIRE_2FA_FOR_EDITORS", "0")
# Views are tested uncached (their query counts are pinned); delivery/tests turn the cache on.
os.environ.setdefault("NEWSROOM_PAGE_CACHE", "0")
# Tests run the same on every machine: a developer's .env is not read unless named here.
os.environ.setdefault("NEWSROOM_ENV_FILE", os.devnull)

from newsroom.settings import *  # noqa: E402,F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
