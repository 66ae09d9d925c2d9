"""A damaged ?before= cursor is the reader's mistake: a 400 page, and no traceback in the logs."""

import logging

import pytest

from articles.tests.factories import ArticleFactory, SectionFactory
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

DAMAGED_CURSORS = ["nonsense", "12-", "9" * 18 + "-1", "1-2\x00", "-" * 40]


@pytest.fixture
def listing_paths():
    section = SectionFactory(slug="world")
    author = AuthorFactory(slug="reporter")
    ArticleFactory(section=section, authors=[author], tags=["Energy"])
    return ["/", "/sections/world/", "/tags/energy/", "/authors/reporter/"]


@pytest.mark.parametrize("cursor", DAMAGED_CURSORS)
def test_a_damaged_cursor_answers_400_without_a_traceback(client, caplog, listing_paths, cursor):
    caplog.set_level(logging.DEBUG)
    for path in listing_paths:
        for query in ({"before": cursor}, {"before": cursor, "fragment": "1"}):
            caplog.clear()
            response = client.get(path, query)

            assert response.status_code == 400, path
            assert "That address isn’t quite right" in response.content.decode()
            assert [record for record in caplog.records if record.exc_info] == [], path
            assert all("Traceback" not in record.getMessage() for record in caplog.records)
