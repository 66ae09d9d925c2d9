"""What a worker does, run in the test's own process."""

from unittest import mock


def run_tasks():
    """What a worker would do now: every task that is due, until none is (``db_worker --batch``)."""
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    # The worker drops connections it thinks stale; inside a test's transaction that would be
    # this test's own connection (SQLite keeps an in-memory one open, PostgreSQL does not).
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()
    failed = DBTaskResult.objects.failed().first()
    assert failed is None, failed.traceback
