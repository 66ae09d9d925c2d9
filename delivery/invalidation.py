"""``invalidate(keys)``: drop every cached response that shows any of ``keys``, everywhere."""

import logging

from django.conf import settings
from django.db import transaction

from delivery import changes, edge
from delivery.keys import EVERYTHING
from delivery.versions import VersionsUnavailable, versions_for

logger = logging.getLogger(__name__)


def invalidate(keys):
    """Invalidate ``keys`` on every instance and every edge once the transaction commits.

    Inside ``delivery.changes.one_change()`` the keys are gathered and invalidated together, once,
    when the change ends (still inside its transaction). Without Redis the database versions are
    bumped then, inside the transaction, so they commit with the change. With Redis the versions
    are bumped then (so this transaction's own requests never see an old page) and again after
    the commit: a page rendered from the old data between the two bumps is dropped by the
    second. Edges are purged after the commit.
    """
    keys = {key for key in keys if key}
    if keys:
        changes.defer("invalidate", _invalidate_now, keys)


def _invalidate_now(keys):
    versions = versions_for(settings.NEWSROOM_PAGE_CACHE_ALIAS)
    _bump(versions, keys)
    if not versions.uses_database:
        transaction.on_commit(lambda: _bump(versions, keys))
    transaction.on_commit(lambda: edge.purge_keys(keys))


def _bump(versions, keys):
    try:
        versions.bump(keys)
    except VersionsUnavailable as error:
        # The save goes ahead; cached pages meanwhile expire on their (go-live bounded) lifetime.
        logger.error("Could not invalidate %s: %s", " ".join(sorted(keys)), error)


def invalidate_everything():
    """Drop every cached page everywhere: for changes made past the signals (bulk loads).

    Meant for commands, which may exit right after: outside a transaction it waits for the edge
    purges to be sent.
    """
    invalidate({EVERYTHING})
    edge.wait_for_purges()
