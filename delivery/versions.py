"""The shared clock and the time each key was last invalidated.

An entry records the clock reading taken before its page was rendered; it stays valid while
every one of its keys was last invalidated at or before that reading. Invalidating moves the
clock forward and stamps the keys with the new reading, so a page rendered from data read
before the change can never be mistaken for a fresh one, whichever process rendered it.

With Redis both live in Redis (a hit costs no database query). Without it they live in the
``KeyVersion`` table, bumped inside the transaction that makes the change.
"""

import logging

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import IntegrityError, transaction
from django.db.models import F, Max

from delivery.models import KeyVersion

logger = logging.getLogger(__name__)

# Moves the clock and stamps every key with the new reading in one atomic step.
BUMP_SCRIPT = """
local now = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do redis.call('SET', KEYS[i], now) end
return now
"""


class VersionsUnavailable(Exception):
    """The store of versions cannot be reached: serve uncached rather than risk a stale page."""


class RedisVersions:
    uses_database = False

    def __init__(self, cache):
        self.cache = cache
        self.prefix = f"{cache.key_prefix or 'newsroom'}:delivery:"

    def _client(self):
        # Django's Redis backend exposes its pooled client; the versions need raw INCR and Lua.
        return self.cache._cache.get_client(write=True)

    def _name(self, key):
        return f"{self.prefix}v:{key}"

    def clock(self):
        try:
            return int(self._client().get(self._name(KeyVersion.CLOCK)) or 0)
        except Exception as error:
            raise VersionsUnavailable(str(error)) from error

    def newest(self, keys):
        if not keys:
            return 0
        try:
            values = self._client().mget([self._name(key) for key in keys])
        except Exception as error:
            raise VersionsUnavailable(str(error)) from error
        return max(int(value or 0) for value in values)

    def bump(self, keys):
        names = [self._name(KeyVersion.CLOCK), *(self._name(key) for key in sorted(keys))]
        try:
            return int(self._client().eval(BUMP_SCRIPT, len(names), *names))
        except Exception as error:
            raise VersionsUnavailable(str(error)) from error


class DatabaseVersions:
    uses_database = True

    def clock(self):
        clock = KeyVersion.objects.filter(key=KeyVersion.CLOCK)
        return clock.values_list("version", flat=True).first() or 0

    def newest(self, keys):
        if not keys:
            return 0
        newest = KeyVersion.objects.filter(key__in=keys).aggregate(newest=Max("version"))
        return newest["newest"] or 0

    def bump(self, keys):
        """Runs inside the caller's transaction: the change and its bump commit together."""
        with transaction.atomic():
            clock = self._advance_clock()
            existing = set(KeyVersion.objects.filter(key__in=keys).values_list("key", flat=True))
            KeyVersion.objects.filter(key__in=existing).update(version=clock)
            missing = [KeyVersion(key=key, version=clock) for key in sorted(set(keys) - existing)]
            if missing:
                try:
                    with transaction.atomic():
                        KeyVersion.objects.bulk_create(missing)
                except IntegrityError:
                    # Another transaction created the same rows first; stamp them instead.
                    KeyVersion.objects.filter(key__in=[row.key for row in missing]).update(
                        version=clock
                    )
        return clock

    def _advance_clock(self):
        # The UPDATE takes the clock row's lock: concurrent bumps get distinct, ordered readings.
        if not KeyVersion.objects.filter(key=KeyVersion.CLOCK).update(version=F("version") + 1):
            try:
                with transaction.atomic():
                    KeyVersion.objects.create(key=KeyVersion.CLOCK, version=1)
                return 1
            except IntegrityError:
                KeyVersion.objects.filter(key=KeyVersion.CLOCK).update(version=F("version") + 1)
        return KeyVersion.objects.get(key=KeyVersion.CLOCK).version


def versions_for(alias):
    cache = caches[alias]
    if isinstance(cache, RedisCache):
        return RedisVersions(cache)
    return DatabaseVersions()
