"""The front's rows made before editions stay the default edition's, with the same stories."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article, Section

BEFORE = ("frontpage", "0003_banners_and_slots_follow_their_story")
AFTER = ("frontpage", "0004_editions")


@pytest.fixture
def back_to_the_newest_migrations():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_slots_banners_and_their_record_stay_in_the_default_edition(
    back_to_the_newest_migrations,
):
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    # The stories' app stays at its newest: only the front's own tables go back.
    section = Section.objects.create(name="World", slug="world")
    story = Article.objects.create(
        headline="Ferries cross again",
        slug="ferries-cross-again",
        status="published",
        published_at=timezone.now(),
        section=section,
    )
    old.get_model("frontpage", "FrontSlot").objects.create(position=0, article_id=story.pk)
    old.get_model("frontpage", "FrontSlotChange").objects.create(
        position=0, article_id=story.pk, headline=story.headline
    )
    old.get_model("frontpage", "BreakingBanner").objects.create(
        text="Ferries cross", url="/news/ferries-cross-again/", expires_at=timezone.now()
    )

    executor = MigrationExecutor(connection)
    executor.migrate([AFTER])
    new = executor.loader.project_state(AFTER).apps
    FrontSlot = new.get_model("frontpage", "FrontSlot")

    assert list(FrontSlot.objects.values_list("language", "position", "article_id")) == [
        ("en", 0, story.pk)
    ]
    assert list(new.get_model("frontpage", "FrontSlotChange").objects.values_list("language")) == [
        ("en",)
    ]
    assert list(new.get_model("frontpage", "BreakingBanner").objects.values_list("language")) == [
        ("en",)
    ]
    # The same position in another edition is a slot of its own now.
    other = Article.objects.create(
        language="uk",
        headline="Пороми знову ходять",
        slug="poromy-znovu-khodiat",
        status="published",
        published_at=timezone.now(),
        section=section,
    )
    FrontSlot.objects.create(language="uk", position=0, article_id=other.pk)
    assert FrontSlot.objects.count() == 2
