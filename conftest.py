import pytest
from playwright.sync_api import expect

# Playwright's assertions give up after 5 s. Under the whole suite a loaded two-core machine has
# taken longer than that to answer a page's first fragment request ("Show more"); a real failure
# still fails, only later.
expect.set_options(timeout=15_000)


@pytest.fixture(autouse=True)
def isolated_media_root(settings, tmp_path):
    """Uploads made by a test land in its own temporary folder, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
