"""Purges by key reach every configured edge after the commit; a dead edge never fails a save."""

import socket
import threading

import pytest

from articles.models import Article
from articles.tests.factories import ArticleFactory, draft
from delivery import edge

pytestmark = pytest.mark.django_db


def closed_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/"


def test_a_change_purges_its_keys_on_every_edge_after_the_commit(
    settings, page_cache, purge_receiver, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_EDGE_PURGE_URLS = [purge_receiver.url, purge_receiver.url]
    story = Article.objects.get(pk=ArticleFactory().pk)
    with django_capture_on_commit_callbacks() as callbacks:
        story.headline = "Edited"
        story.save()
    assert purge_receiver.received == []
    for callback in callbacks:
        callback()
    edge.wait_for_purges()
    assert purge_receiver.received == [{f"article-{story.pk}", "archive"}] * 2


def test_a_draft_save_purges_nothing(
    settings, page_cache, purge_receiver, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_EDGE_PURGE_URLS = [purge_receiver.url]
    story = draft()
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Still a draft"
        story.save()
    edge.wait_for_purges()
    assert purge_receiver.received == []


def test_a_dead_edge_is_retried_a_few_times_logged_and_never_holds_the_save(
    settings, page_cache, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_EDGE_PURGE_URLS = [closed_port_url()]
    settings.NEWSROOM_EDGE_PURGE_ATTEMPTS = 3
    settings.NEWSROOM_EDGE_PURGE_BACKOFF_SECONDS = 0.01
    saved, held = threading.Event(), []
    send_purge = edge.send_purge

    def send_once_the_save_is_over(url, keys):
        # The edge answers only after the save has returned: a save that waited for it would
        # still be waiting here.
        if not saved.wait(timeout=10):
            held.append(keys)
        return send_purge(url, keys)

    monkeypatch.setattr(edge, "send_purge", send_once_the_save_is_over)
    story = Article.objects.get(pk=ArticleFactory().pk)
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Saved while the edge is down"
        story.save()
    saved.set()
    assert Article.objects.get(pk=story.pk).headline == "Saved while the edge is down"
    edge.wait_for_purges()
    assert held == [], "the save waited for the edge"
    failures = [record for record in caplog.records if "Edge purge failed" in record.message]
    assert len(failures) == 1
    assert "after 3 attempts" in failures[0].message
    assert f"article-{story.pk}" in failures[0].message


def test_long_key_lists_are_split_into_several_purges():
    keys = [f"article-{number}" for number in range(2000)]
    batches = list(edge._batches(keys))
    assert len(batches) > 1
    assert sorted(key for batch in batches for key in batch) == sorted(keys)
    assert all(len(" ".join(batch)) <= edge.MAX_HEADER_CHARACTERS for batch in batches)
