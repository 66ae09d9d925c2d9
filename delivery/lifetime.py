"""How long a cached page may live: never past the next go-live that could change it.

Apps connect to ``go_live_wanted`` and answer "when does the next scheduled thing go live?"
(articles does, for scheduled stories and embargoes; the front page for expiring slots and
banners); the answer is memoised in the page cache under the ``schedule`` key, which every
change to a schedule invalidates. Each edition has its own (``schedule-uk``): a page ends at the
next go-live of its own edition, or of what every edition shows (the front's slots, the banner).
"""

from django.dispatch import Signal

# Sent with ``language``, an edition's code; a receiver returns the next moment something of its
# app shown in that edition becomes visible or stops being visible without a save, or None.
go_live_wanted = Signal()


def compute_next_go_live(language):
    answers = go_live_wanted.send(sender=None, language=language)
    moments = [moment for _, moment in answers if moment is not None]
    return min(moments) if moments else None
