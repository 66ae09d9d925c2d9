"""On PostgreSQL with a large archive: the placed stories are reached from their slots by key."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Article
from articles.tests.test_query_plans import archive, assert_flat_plans, explained_queries  # noqa: F401
from frontpage.models import FrontSlot
from frontpage.placing import write_placement

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_front_with_placed_stories(client, archive):  # noqa: F811
    deep = Article.objects.published().order_by("published_at").first()
    editor = User.objects.create_user("plans-editor")
    write_placement(position=FrontSlot.Position.LEAD, article=deep, expires_at=None, by=editor)
    write_placement(
        position=FrontSlot.Position.TOP_2, article=archive["seed"], expires_at=None, by=editor
    )

    response, explained = explained_queries(client, reverse("frontpage:front"))

    assert response.context["lead"] == deep
    assert_flat_plans(explained, "article_visible_newest")
    cursor = response.context["page"].next_cursor
    response, explained = explained_queries(client, f"/?before={cursor}")
    assert deep not in response.context["page"].items
    assert_flat_plans(explained, "article_visible_newest")
