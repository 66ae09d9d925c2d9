import hashlib
import os
import shutil
from collections import OrderedDict

import pytest
from playwright.sync_api import expect

from tools import site

# Playwright's assertions give up after 5 s. Under the whole suite a loaded two-core machine has
# taken longer than that to answer a page's first fragment request ("Show more"); a real failure
# still fails, only later.
expect.set_options(timeout=15_000)

REMEMBERED_DRAWINGS = 64


@pytest.fixture(autouse=True)
def stories_dated_from_the_test_itself():
    """The factory's default publish times start an hour ago in every test, whatever ran
    before it: counted across the suite, they drifted days back and out of 24-hour windows."""
    from articles.tests.factories import restart_story_ages

    restart_story_ages()


@pytest.fixture(autouse=True)
def isolated_media_root(settings, tmp_path):
    """Uploads made by a test land in its own temporary folder, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True, scope="session")
def renditions_drawn_once_per_picture():
    """Dozens of tests load the demo newsroom, and resampling its pictures for their renditions
    took most of each load (10 of 16 s). The drawing depends only on the pixels, the specs and
    the focal point, so each distinct picture is drawn once per test run and the encoded bytes
    are reused; every rendition is still stored and indexed as on a real save. A picture not
    seen before, as in the media tests, is drawn for real.
    """
    # Imported here: the app registry is ready by the time fixtures run.
    import media.models
    from media.renditions import draw_renditions

    drawn = OrderedDict()

    def draw_or_reuse(picture, specs, full_size=None, focal_point=None):
        specs = list(specs)
        key = (
            picture.mode,
            picture.size,
            hashlib.blake2b(picture.tobytes(), digest_size=16).digest(),
            repr(sorted(picture.info.items())),
            tuple((spec.name, image_format) for spec, image_format in specs),
            full_size,
            focal_point,
        )
        if key not in drawn:
            drawn[key] = draw_renditions(picture, specs, full_size, focal_point)
            if len(drawn) > REMEMBERED_DRAWINGS:
                drawn.popitem(last=False)
        drawn.move_to_end(key)
        return list(drawn[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(media.models, "draw_renditions", draw_or_reuse)
        yield


def skip_or_fail(reason):
    if os.environ.get("NEWSROOM_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (NEWSROOM_REQUIRE_SERVICES=1 makes this mandatory)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_cluster():
    """One throwaway PostgreSQL cluster for the session, on a port of our own range.

    It runs in the PostgreSQL pass of the suite, not the SQLite one.
    """
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        skip_or_fail(
            "these tests start their own PostgreSQL; they run when DATABASE_URL is PostgreSQL"
        )
    if not site.postgres_bin("initdb") or not site.postgres_bin("pg_ctl"):
        skip_or_fail("PostgreSQL's initdb and pg_ctl are not installed")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        skip_or_fail("running as root needs runuser to start PostgreSQL as its own user")
    with site.throwaway_postgres(port=site.free_port(8700, 8709)) as cluster:
        yield cluster


@pytest.fixture(scope="session")
def collected_static():
    """gunicorn serves with DEBUG off, from collected static files, as `make serve` does."""
    site.manage(site.site_env("/nonexistent"), "collectstatic", "--noinput", "-v0")


@pytest.fixture(scope="session")
def varnishd():
    """Varnish, which the edge tests start in front of real app instances."""
    if not site.varnish_available():
        skip_or_fail("varnishd is not installed")
