"""Putting work on the queue so that it runs only once what it needs is committed.

The queue is a table in the site's own database (django-tasks-db). There a task is written in
the caller's transaction: it commits with the change that asked for it, or not at all, so no
edition can be left saying "queued" with no task behind it, and no worker sees the task before
the change. Any other backend gets the task after the commit (``transaction.on_commit``).
Either way a task checks its preconditions again when it runs.
"""

from django.db import transaction
from django_tasks_db import DatabaseBackend


def enqueue(task, *args, run_after=None):
    if run_after is not None:
        task = task.using(run_after=run_after)
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))
