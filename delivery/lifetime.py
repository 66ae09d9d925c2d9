"""How long a cached page may live: never past the next go-live that could change it.

Apps register a function answering "when does the next scheduled item go live?" (articles does,
for scheduled stories and embargoes); the answer is memoised in the page cache under the
``schedule`` key, which every change to a schedule invalidates.
"""

import datetime

from django.utils import timezone

_go_live_providers = []


def register_go_live(provider):
    """``provider()`` returns the next moment something scheduled becomes visible, or None."""
    if provider not in _go_live_providers:
        _go_live_providers.append(provider)
    return provider


def compute_next_go_live():
    moments = [moment for provider in _go_live_providers if (moment := provider()) is not None]
    return min(moments) if moments else None


def seconds_until(moment, now=None):
    """Whole seconds from now until ``moment`` (never negative); None for no moment."""
    if moment is None:
        return None
    now = now or timezone.now()
    return max(0, int((moment - now) / datetime.timedelta(seconds=1)))
