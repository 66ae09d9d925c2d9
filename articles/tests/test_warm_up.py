"""A fresh server process readies itself before its first reader (website/warmup.py)."""

import datetime
import logging
import runpy
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone

from articles.tests.factories import ArticleFactory, draft, scheduled
from website import warmup

pytestmark = pytest.mark.django_db

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture(autouse=True)
def connection_kept_across_requests():
    """As Django's test client does: a request through the real handler would otherwise close the
    connection the test's transaction runs on (PostgreSQL; SQLite's in-memory one never closes)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class RecordingApplication:
    """The real application, noting each path it was asked for and the status it answered."""

    def __init__(self):
        self.application = WSGIHandler()
        self.answers = []

    def __call__(self, environ, start_response):
        def recording_start_response(status, headers, exc_info=None):
            self.answers.append((environ["PATH_INFO"], status))
            return start_response(status, headers, exc_info)

        return self.application(environ, recording_start_response)


class Worker:
    def __init__(self, wsgi):
        self.wsgi = wsgi


def test_a_gunicorn_worker_renders_the_front_page_and_newest_story_before_serving():
    now = timezone.now()
    ArticleFactory(headline="Older story", published_at=now - datetime.timedelta(hours=3))
    newest = ArticleFactory(headline="Newest story", published_at=now - datetime.timedelta(hours=1))
    scheduled(headline="Not out yet")
    draft(headline="Still a draft")
    application = RecordingApplication()

    runpy.run_path(str(GUNICORN_CONF))["post_worker_init"](Worker(application))

    assert application.answers == [("/", "200 OK"), (newest.get_absolute_url(), "200 OK")]


def test_an_empty_newsroom_warms_up_its_front_page_only():
    application = RecordingApplication()
    warmup.warm_up(application)
    assert application.answers == [("/", "200 OK")]


def test_every_template_compiles_and_the_inlined_assets_are_found(caplog):
    with caplog.at_level(logging.WARNING, logger="website.warmup"):
        sources = warmup.compile_templates()
    assert not caplog.records
    assert len(sources) > 20
    assert {"css/site.css", "js/site.js"} <= set(warmup.inlined_static_paths(sources))


def test_an_unreachable_database_does_not_stop_the_worker(monkeypatch, caplog):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    application = RecordingApplication()
    with caplog.at_level(logging.WARNING, logger="website.warmup"):
        warmup.warm_up(application)
    assert application.answers == []
    messages = " ".join(record.getMessage() for record in caplog.records)
    assert "unreachable while warming up" in messages and "Pages to warm up unknown" in messages
