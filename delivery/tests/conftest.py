import pytest
from django.conf import settings
from django.core.cache import caches

from delivery.versions import versions_for


@pytest.fixture
def page_cache(settings, db):
    """The page cache on, empty, over whatever cache the run configures (Redis or local)."""
    settings.NEWSROOM_PAGE_CACHE = True
    caches[settings.NEWSROOM_PAGE_CACHE_ALIAS].clear()
    yield caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]
    for alias in settings.CACHES:
        try:
            caches[alias].clear()
        except Exception:  # A test may have pointed the cache at a Redis that is down.
            pass


@pytest.fixture
def editor_user(db):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def invalidations(page_cache):
    """``with invalidations() as bumped:`` — the keys whose version moved inside the block."""

    class Recorder:
        def __call__(self):
            return self

        def __enter__(self):
            self.versions = versions_for(settings.NEWSROOM_PAGE_CACHE_ALIAS)
            self.clock = self.versions.clock()
            return self

        def __exit__(self, *exc_info):
            return False

        def keys(self, *candidates):
            return {key for key in candidates if self.versions.newest([key]) > self.clock}

        @property
        def anything(self):
            return self.versions.clock() > self.clock

    return Recorder()
