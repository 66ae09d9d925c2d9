import json

import pytest

from website.tests.sites import manage, site_env, throwaway_postgres

DESK_USER = ("night-desk", "a-long-desk-password-for-tests")
SITE_FACTS = """
import json
from django.contrib.auth.models import User
from articles.models import Article
User.objects.create_superuser({username!r}, "desk@example.org", {password!r})
print(json.dumps({{"articles": [a.get_absolute_url() for a in Article.objects.published()]}}))
"""


@pytest.fixture(scope="session")
def postgres_cluster():
    """One throwaway PostgreSQL cluster for the session, on a port of our own range."""
    with throwaway_postgres(port=8701) as cluster:
        yield cluster


@pytest.fixture(scope="session")
def collected_static():
    """gunicorn serves with DEBUG off, from collected static files, as `make serve` does."""
    manage(site_env("/nonexistent"), "collectstatic", "--noinput", "-v0")


def prepare_site(env, articles=4):
    """Migrates, loads a small demo newsroom and a desk login; returns the published URLs."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--articles", str(articles), "--no-logins", "-v0")
    username, password = DESK_USER
    facts = manage(
        env, "shell", "-v0", "-c", SITE_FACTS.format(username=username, password=password)
    )
    return json.loads(facts.stdout)["articles"]


@pytest.fixture
def sqlite_site(tmp_path, collected_static):
    """A migrated demo site on SQLite in a folder of its own: ``(env, article_urls)``."""
    env = site_env(tmp_path / "site")
    (tmp_path / "site").mkdir()
    return env, prepare_site(env, articles=2)
