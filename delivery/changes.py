"""One change, however many rows it writes: what its writes set off happens once, at its end.

A desk save writes the story, its tags, byline and picks, and takes a workflow step; each write
sends Django's signals, and each receiver wants to invalidate cache keys or refresh a derived
column. Inside ``one_change()`` a receiver *defers* that work into a named bucket instead; when
the outermost block ends without an error, each bucket's work runs once over everything
gathered. Outside any block the work runs at once, so an ORM write anywhere still does it.

Receivers that need a row's state from before a save (pre_save) at the end of it (post_save)
``note()`` it here, keyed by model and primary key, rather than on the instance.
"""

import threading
from contextlib import ContextDecorator

_local = threading.local()


class one_change(ContextDecorator):  # noqa: N801  (used as a decorator and a ``with`` block)
    def __enter__(self):
        depth = getattr(_local, "depth", 0)
        if depth == 0:
            _local.buckets = {}
        _local.depth = depth + 1
        return self

    def __exit__(self, exc_type, exc, traceback):
        _local.depth -= 1
        if _local.depth:
            return False
        buckets, _local.buckets = _local.buckets, None
        if exc_type is None:
            # A flush may write (a search document) and so defer more: it runs at once then.
            for flush, items in buckets.values():
                flush(items)
        return False


def is_open():
    return getattr(_local, "depth", 0) > 0


def defer(name, flush, items):
    """Have ``flush(gathered)`` run once at the end of the change, ``gathered`` being the set of
    everything deferred under ``name``; with no change open, ``flush(set(items))`` runs now."""
    if not is_open():
        flush(set(items))
        return
    _, gathered = _local.buckets.setdefault(name, (flush, set()))
    gathered.update(items)


def note(model, pk, name, value):
    """Keep ``value`` for the end of this save of ``model`` ``pk`` (see ``noted``)."""
    notes = getattr(_local, "notes", None)
    if notes is None:
        notes = _local.notes = {}
    notes[(model, pk, name)] = value


def noted(model, pk, name, default=None):
    """The value ``note()`` kept for this save, taken (a failed save leaves only a stale entry,
    which the next save of that row replaces)."""
    notes = getattr(_local, "notes", None) or {}
    return notes.pop((model, pk, name), default)
