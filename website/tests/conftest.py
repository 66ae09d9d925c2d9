import pytest

from tools import site


@pytest.fixture
def sqlite_site(tmp_path, collected_static, site_copies):
    """A migrated demo site on SQLite in a folder of its own: ``(env, article_urls)``."""
    env = site.site_env(tmp_path / "site")
    return env, site_copies.demo(tmp_path / "site")
