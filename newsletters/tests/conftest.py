from unittest import mock

import pytest
from django.core.cache import cache
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from articles.tests.conftest import desk_user
from newsletters import delivering
from newsletters.tests.mailbox import SMTPServer

SITE_URL = "https://news.example.org"


@pytest.fixture(autouse=True)
def mail_set_up(settings):
    """Mail as production has it: configured, links on an https origin; no sign-ups counted."""
    settings.NEWSROOM_MAIL_CONFIGURED = True
    settings.SITE_URL = SITE_URL
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return desk_user("editor", "Editors")


@pytest.fixture
def journalist(db):
    return desk_user("journalist", "Journalists")


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free loopback port, and Django's SMTP backend sending to it."""
    with SMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        server.mailbox.port = server.port
        yield server.mailbox


def run_tasks():
    """What a worker would do now: every task that is due, until none is (``db_worker --batch``)."""
    delivering._rendered.clear()  # a rolled-back test's edition may have had the same id
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


@pytest.fixture
def worker():
    return run_tasks


@pytest.fixture
def page_cache(settings, db):
    """The page cache on and empty, as in delivery's tests."""
    from django.core.cache import caches

    settings.NEWSROOM_PAGE_CACHE = True
    caches[settings.NEWSROOM_PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.NEWSROOM_PAGE_CACHE_ALIAS].clear()
