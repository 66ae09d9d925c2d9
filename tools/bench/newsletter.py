"""The newsletter benchmark: one edition to 100,000 readers through a loopback SMTP sink.

Two workers (``manage.py db_worker``, as `make worker` runs them) share the queue in a
PostgreSQL database of their own (``newsroom_newsletters_bench``, created and loaded when
missing: readers bulk-loaded with generate_series, then ANALYZE). The sink is aiosmtpd on this
machine, counting what it is handed. Measured: the editor's Send request (through the desk's
view, middleware included), the time to the first message and to the whole send, and each
worker's resident memory sampled every second. Not a test: nothing here asserts a time.

    make bench-newsletter   (python -m tools.bench.newsletter)
    BENCH_READERS=20000 make bench-newsletter     # a quicker look

Knobs: BENCH_READERS (100000), BENCH_WORKERS (2), BENCH_POSTGRES_URL
(postgres://postgres@127.0.0.1:5432), BENCH_OUT (var/bench). Results: newsletter.json there.
"""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from tools.bench.proc import resident_bytes
from tools.site import BASE_DIR, free_port

READERS = int(os.environ.get("BENCH_READERS", "100000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE = "newsroom_newsletters_bench"
OUT = Path(os.environ.get("BENCH_OUT", BASE_DIR / "var" / "bench"))
SITE_URL = "https://bench.example.org"
SECRET = "bench-only-not-secret"


def settings_environment(smtp_port):
    return {
        "DJANGO_SETTINGS_MODULE": "newsroom.test_settings",  # plain static files, no manifest
        "DJANGO_SECRET_KEY": SECRET,
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "NEWSROOM_SITE_URL": SITE_URL,
        "NEWSROOM_HTTPS": "0",
        "NEWSROOM_ENV_FILE": os.devnull,
        "NEWSROOM_VAR_DIR": str(OUT / "newsletter-var"),
        "NEWSROOM_REQUIRE_2FA_FOR_EDITORS": "0",
        "NEWSROOM_PAGE_CACHE": "0",
        "REDIS_URL": "",
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        "NEWSROOM_LOG_LEVEL": "WARNING",
    }


class Sink:
    """Counts messages; notes when the first and the last arrived."""

    def __init__(self):
        self.count = 0
        self.first_at = None
        self.last_at = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        now = time.perf_counter()
        with self.lock:
            self.count += 1
            self.first_at = self.first_at or now
            self.last_at = now
        return "250 OK"


def ensure_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        exists = admin.execute(query, [DATABASE]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{DATABASE}"')


def load(readers):
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from articles.models import Article
    from articles.tests.factories import ArticleFactory
    from newsletters.models import Delivery, Edition, Newsletter, Subscription
    from newsletters.tests.factories import NewsletterFactory

    call_command("migrate", verbosity=0)
    newsletter = Newsletter.objects.filter(slug="bench-daily").first() or NewsletterFactory(
        name="Bench Daily", slug="bench-daily"
    )
    have = Subscription.objects.filter(newsletter=newsletter).count()
    if have != readers:
        print(f"Loading {readers:,} readers…", flush=True)
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE newsletters_delivery, newsletters_subscription, "
                "newsletters_subscriber RESTART IDENTITY CASCADE"
            )
            cursor.execute(
                """
                INSERT INTO newsletters_subscriber
                    (address, address_key, address_hash, link_key, created_at, confirmed_at)
                SELECT 'reader' || n || '@bench.example.org', 'reader' || n || '@bench.example.org',
                       encode(sha256(convert_to('reader' || n || '@bench.example.org', 'UTF8')),
                              'hex'),
                       substr(md5(random()::text), 1, 16), now(), now()
                FROM generate_series(1, %s) AS n
                """,
                [readers],
            )
            cursor.execute(
                """
                INSERT INTO newsletters_subscription
                    (subscriber_id, newsletter_id, status, subscribed_via, subscribed_at,
                     unsubscribed_via)
                SELECT id, %s, 'subscribed', 'import', now(), '' FROM newsletters_subscriber
                """,
                [newsletter.pk],
            )
    Delivery.objects.all().delete()
    Edition.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {DBTaskResult._meta.db_table}")
        for table in ("newsletters_subscriber", "newsletters_subscription"):
            cursor.execute(f"ANALYZE {table}")
    story = Article.objects.filter(slug="bench-story").first() or ArticleFactory(
        headline="Bench story: the day in one email", slug="bench-story"
    )
    edition = Edition.objects.create(newsletter=newsletter, subject="Bench edition", intro="Hi.")
    edition.placements.create(article=story)
    editor = User.objects.filter(username="bench-editor").first()
    if editor is None:
        editor = User.objects.create_user("bench-editor", password="x", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editors"))
    return edition, editor


def start_workers(environment, count):
    log = (OUT / "newsletter-workers.log").open("w")
    profile = os.environ.get("BENCH_PROFILE")  # a folder: each worker's cProfile, in batch mode
    return [
        subprocess.Popen(
            [sys.executable]
            + (["-m", "cProfile", "-o", f"{profile}/worker-{number}.prof"] if profile else [])
            + ["manage.py", "db_worker", "--no-reload", "--verbosity", "0"]
            + ["--worker-id", f"bench-{number}", "--interval", "0.2"]
            + (["--batch"] if profile else []),
            cwd=BASE_DIR,
            env={**os.environ, **environment},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for number in range(count)
    ]


def main():
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)

    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    environment = settings_environment(port)
    os.environ.update(environment)
    ensure_database()

    import django

    django.setup()
    from django.test import Client

    from newsletters import sending
    from newsletters.models import Edition

    edition, editor = load(READERS)
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    workers = start_workers(environment, WORKERS)
    samples = {worker.pid: [] for worker in workers}
    try:
        client = Client()
        client.force_login(editor)
        url = f"/admin/newsletters/edition/{edition.pk}/send/"
        # The editor reads the confirmation ("Send to 100,000 readers?") before pressing Send.
        assert client.get(url).status_code == 200
        started = time.perf_counter()
        response = client.post(url)
        send_request = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        print(f"Send request: {send_request * 1000:.0f} ms; sending…", flush=True)
        while True:
            for worker in workers:
                if worker.poll() is None:
                    samples[worker.pid].append(resident_bytes(worker.pid))
            edition.refresh_from_db()
            if edition.status == Edition.Status.SENT:
                break
            if os.environ.get("BENCH_PROFILE") and all(w.poll() is not None for w in workers):
                break
            if all(worker.poll() is not None for worker in workers):
                raise SystemExit("Every worker stopped: see newsletter-workers.log")
            print(f"  {sink.count:,} messages", flush=True)
            time.sleep(1)
        finished = time.perf_counter()
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        controller.stop()
    log = sending.send_log(edition)
    results = {
        "readers": READERS,
        "workers": WORKERS,
        "send_request_ms": round(send_request * 1000, 1),
        "first_message_s": round(sink.first_at - started, 2),
        "total_s": round(finished - started, 1),
        "messages_per_s": round(sink.count / (sink.last_at - started), 1),
        "sink_received": sink.count,
        "log": {"recipients": log.recipients, "sent": log.sent, "failed": log.failed},
        # Each worker's resident memory at 10 %, 25 %, 50 %, 75 % and 100 % of the send (after
        # its first batch: before it the process is still importing), and its peak.
        "worker_rss_mb": {
            str(pid): {
                **{
                    f"{share}%": round(
                        values[min(len(values) - 1, len(values) * share // 100)] / 2**20, 1
                    )
                    for share in (10, 25, 50, 75, 100)
                },
                "max": round(max(values) / 2**20, 1),
            }
            for pid, values in samples.items()
            if values
        },
        "load_average_after": os.getloadavg(),
    }
    (OUT / "newsletter.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
