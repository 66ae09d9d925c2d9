"""Entries of the page cache: a rendered response with its keys and the clock reading it was
rendered at, kept in the shared cache (Redis) or each process's local memory."""

import hashlib
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches

from delivery.keys import SCHEDULE, edition_key
from delivery.lifetime import compute_next_go_live
from delivery.versions import VersionsUnavailable, versions_for
from website.editions import current_edition

logger = logging.getLogger(__name__)
ENTRY_PREFIX = "delivery:page:"
GO_LIVE_NAME = "delivery:next-go-live"
BUDGET_PREFIX = "delivery:budget:"


@dataclass
class Entry:
    status: int
    headers: list
    content: bytes
    keys: tuple
    clock: int
    created_at: float
    expires_at: float
    etag: str = ""
    value: object = field(default=None)

    def seconds_left(self, now):
        return max(0, int(self.expires_at - now))


class PageStore:
    """Reads and writes entries; any failure of the cache or its versions means "no entry"."""

    def __init__(self):
        self.cache = caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]
        self.versions = versions_for(settings.NEWSROOM_PAGE_CACHE_ALIAS)

    def clock(self):
        return self.versions.clock()

    def get(self, name):
        """The entry stored under ``name`` if no key of it was invalidated since; else None."""
        try:
            entry = self.cache.get(ENTRY_PREFIX + name)
        except Exception as error:
            raise VersionsUnavailable(str(error)) from error
        if entry is None or entry.expires_at <= time.time():
            return None
        if self.versions.newest(entry.keys) > entry.clock:
            return None
        return entry

    def put(self, name, entry):
        timeout = entry.seconds_left(time.time())
        if timeout <= 0:
            return
        try:
            self.cache.set(ENTRY_PREFIX + name, entry, timeout)
        except Exception as error:
            logger.warning("Page cache unavailable, not storing: %s", error)

    def within_budget(self, kind, per_minute):
        """Counts stores of one ``kind`` this minute; False once ``per_minute`` is reached."""
        name = f"{BUDGET_PREFIX}{kind}:{int(time.time() // 60)}"
        try:
            self.cache.add(name, 0, 120)
            return self.cache.incr(name) <= per_minute
        except Exception:
            return False

    def next_go_live(self, language=None):
        """The next scheduled go-live in ``language``'s edition (the page's own when not named),
        memoised until it passes or the edition's schedule changes."""
        language = language or current_edition()
        name = f"{GO_LIVE_NAME}:{language}"
        entry = self.get(name)
        if entry is not None:
            return entry.value
        clock = self.clock()
        moment = compute_next_go_live(language)
        now = time.time()
        expires_at = now + settings.NEWSROOM_PAGE_CACHE_SECONDS
        if moment is not None:
            expires_at = min(expires_at, moment.timestamp())
        keys = (edition_key(SCHEDULE, language),)
        memo = Entry(200, [], b"", keys, clock, now, expires_at, value=moment)
        self.put(name, memo)
        return moment


def digest(*parts):
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
