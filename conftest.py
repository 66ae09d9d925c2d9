import pytest


@pytest.fixture(autouse=True)
def isolated_media_root(settings, tmp_path):
    """Uploads made by a test land in its own temporary folder, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
