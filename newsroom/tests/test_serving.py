"""Production serving: gunicorn's settings and how uploads leave the app."""

import runpy
from pathlib import Path

import pytest
from django.conf import settings

GUNICORN_CONF = Path(settings.BASE_DIR) / "gunicorn.conf.py"
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000") + b"\x00" * 4000 + b"\xff\xd9"


def load_gunicorn_conf():
    return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_runs_two_sync_workers_per_cpu_plus_one(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    conf = load_gunicorn_conf()
    assert conf["workers"] == 7
    assert conf["worker_class"] == "sync"
    assert conf["wsgi_app"] == "newsroom.wsgi:application"
    assert conf["graceful_timeout"] > 0
    assert conf["max_requests"] == 0


def test_web_concurrency_overrides_the_worker_count(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    monkeypatch.setenv("GUNICORN_ACCESS_LOG", "")
    conf = load_gunicorn_conf()
    assert conf["workers"] == 2
    assert conf["accesslog"] is None


def test_database_connections_persist_and_are_checked_before_reuse():
    database = settings.DATABASES["default"]
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


@pytest.fixture
def upload(settings):
    folder = Path(settings.MEDIA_ROOT) / "images" / "2026" / "01"
    folder.mkdir(parents=True)
    (folder / "picture.jpg").write_bytes(JPEG)
    return "/media/images/2026/01/picture.jpg"


def test_uploads_are_cached_for_a_year_and_sent_as_stored(client, upload):
    response = client.get(upload, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    # A JPEG is already compressed: recompressing it per request costs CPU, drops its length
    # and keeps the file from going out with sendfile.
    assert not response.has_header("Content-Encoding")
    assert response["Content-Length"] == str(len(JPEG))
    assert b"".join(response.streaming_content) == JPEG


def test_a_revalidated_upload_answers_304_with_the_same_lifetime(client, upload):
    first = client.get(upload)
    response = client.get(upload, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert response.status_code == 304
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
