import pytest

from tools import site


@pytest.fixture
def sqlite_site(tmp_path, collected_static):
    """A migrated demo site on SQLite in a folder of its own: ``(env, article_urls)``."""
    env = site.site_env(tmp_path / "site")
    (tmp_path / "site").mkdir()
    return env, site.load_demo(env, articles=2)
