"""How long a cached page may live: never past the next go-live that could change it.

Apps connect to ``go_live_wanted`` and answer "when does the next scheduled thing go live?"
(articles does, for scheduled stories and embargoes; the front page for expiring slots and
banners); the answer is memoised in the page cache under the ``schedule`` key, which every
change to a schedule invalidates.
"""

from django.dispatch import Signal

# Sent with no arguments; a receiver returns the next moment something of its app becomes
# visible or stops being visible without a save, or None.
go_live_wanted = Signal()


def compute_next_go_live():
    moments = [moment for _, moment in go_live_wanted.send(sender=None) if moment is not None]
    return min(moments) if moments else None
