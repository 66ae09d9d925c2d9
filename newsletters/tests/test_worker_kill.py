"""A worker killed mid-send (SIGKILL) and another started: every reader has exactly one message.

Real ``manage.py db_worker`` processes share the queue in the test database (PostgreSQL in the
PostgreSQL run; on SQLite a file copy of it, which processes can share) and send through a real
SMTP server on loopback. The server takes the sixth message and then holds its answer while the
test kills the worker: the worst moment, when the message has gone but the worker cannot have
recorded it. The worker that takes over must not send it again, and must send all the rest.
"""

import collections
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from articles.tests.factories import ArticleFactory
from newsletters import sending
from newsletters.models import Edition
from newsletters.tests.factories import NewsletterFactory, reader

READERS = 20
LEASE_SECONDS = 3


def database_url(tmp_path):
    """A URL the worker processes can open, with this test's data in it."""
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
        host = f"{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}"
        return f"postgres://{params['USER']}{password}@{host}/{params['NAME']}", None
    path = tmp_path / "queue.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}", path


def query(sqlite_path, sql):
    if sqlite_path is None:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()
    with sqlite3.connect(sqlite_path, timeout=10) as reading:
        return reading.execute(sql).fetchall()


def start_worker(name, url, smtp_port, tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.test_settings",
        "DATABASE_URL": url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "NEWSROOM_SITE_URL": "https://news.example.org",
        "NEWSROOM_VAR_DIR": str(tmp_path / "var"),
        "NEWSROOM_NEWSLETTER_LEASE_SECONDS": str(LEASE_SECONDS),
        "NEWSROOM_NEWSLETTER_BATCH_SIZE": "4",
        "NEWSROOM_NEWSLETTER_PARALLEL_BATCHES": "2",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"]
        + ["--no-reload", "--worker-id", name, "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until(check, timeout):
    """Polls ``check`` until it holds or ``timeout`` seconds pass (state in another process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_and_restarted_mails_everyone_exactly_once(smtp, tmp_path):
    daily = NewsletterFactory()
    addresses = [f"reader{number:02d}@example.org" for number in range(READERS)]
    for address in addresses:
        reader(address, daily)
    edition = Edition.objects.create(newsletter=daily, subject="Killed mid-send")
    edition.placements.create(article=ArticleFactory())
    # Sent as the send_newsletter command sends (no desk user: an earlier test that runs
    # outside a transaction may have flushed the desk's groups).
    sending.send_now(edition=edition, editor=None)
    url, sqlite_path = database_url(tmp_path)
    smtp.hold_at = 6

    first = start_worker("first", url, smtp.port, tmp_path)
    try:
        assert smtp.holding.wait(timeout=60), first.stderr.read1().decode() if first.poll() else ""
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    smtp.release.set()

    second = start_worker("second", url, smtp.port, tmp_path)
    try:
        assert smtp.wait_for(READERS, timeout=60)
        sent = wait_until(
            lambda: (
                query(
                    sqlite_path, f"SELECT status FROM newsletters_edition WHERE id = {edition.pk}"
                )
                == [("sent",)]
            ),
            timeout=30,
        )
        assert sent, second.stderr.read1().decode() if second.poll() else "still sending"
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)

    received = collections.Counter(smtp.recipients())
    assert sorted(received) == addresses
    assert set(received.values()) == {1}
    counts = dict(
        query(
            sqlite_path,
            "SELECT status, COUNT(*) FROM newsletters_delivery "
            f"WHERE edition_id = {edition.pk} GROUP BY status",
        )
    )
    # The held message went, but no worker could know: counted as unconfirmed, never resent.
    assert counts == {"sent": READERS - 1, "unconfirmed": 1}
