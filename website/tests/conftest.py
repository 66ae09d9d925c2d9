import json

import pytest

from tools import site

DESK_USER = ("night-desk", "a-long-desk-password-for-tests")
SITE_FACTS = """
import json
from django.contrib.auth.models import User
from articles.models import Article
User.objects.create_superuser({username!r}, "desk@example.org", {password!r})
print(json.dumps({{"articles": [a.get_absolute_url() for a in Article.objects.published()]}}))
"""


def prepare_site(env, articles=4):
    """Migrates, loads a small demo newsroom and a desk login; returns the published URLs."""
    site.load_demo(env, articles=articles)
    username, password = DESK_USER
    facts = site.manage(
        env, "shell", "-v0", "-c", SITE_FACTS.format(username=username, password=password)
    )
    return json.loads(facts.stdout)["articles"]


@pytest.fixture
def sqlite_site(tmp_path, collected_static):
    """A migrated demo site on SQLite in a folder of its own: ``(env, article_urls)``."""
    env = site.site_env(tmp_path / "site")
    (tmp_path / "site").mkdir()
    return env, prepare_site(env, articles=2)
