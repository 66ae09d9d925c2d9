import datetime
import difflib
import io
import itertools
import re
import zoneinfo

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleAuthor,
    RelatedArticle,
    Section,
    TaggedArticle,
    count_words,
)
from articles.sanitizer import sanitize_html
from authors.models import Author
from demo.filler import filler_story
from media.models import Image

pytestmark = pytest.mark.django_db

SEED_HEADLINE = (
    "North Korea sends nearly 15,000 migrants to Russia to cover labor market shortage, WSJ reports"
)
ALLIES_HEADLINE = "Who are Russia’s allies, and can Kremlin’s war machine survive without them?"
NIKOPOL_TEASER = (
    "The Kyiv Independent’s contributor Ignatius Ivlev-Yorke spent a day with a mobile team from "
    "the State Emergency Service in Nikopol in the south of Ukraine as they responded to "
    "relentless drone, artillery, and mortar strikes from Russian forces just across the Dnipro "
    "River. Nikopol is located across from the Russian-occupied Zaporizhzhia Nuclear Power Plant "
    "in the city of Enerhodar."
)


def assert_different_stories(headlines):
    """No two headlines tell the same story: at most half alike, as two real headlines are."""
    for first, second in itertools.combinations(headlines, 2):
        likeness = difflib.SequenceMatcher(None, first, second).ratio()
        assert likeness < 0.7, f"{first!r} and {second!r} are the same story"


def load_demo(*args):
    output = io.StringIO()
    call_command("load_demo", "--articles", "5", *args, stdout=output)
    return output.getvalue()


def printed_password(output, username):
    match = re.search(rf"^\s*\w+: {username} / (\S+)$", output, re.MULTILINE)
    assert match, f"no password printed for {username}:\n{output}"
    return match.group(1)


def seed_article():
    return Article.objects.published().get(headline=SEED_HEADLINE)


def snapshot():
    """Everything the demo writes, in a form two runs can be compared by."""
    return {
        "articles": list(
            Article.objects.order_by("slug").values_list(
                "slug", "headline", "dek", "body", "status", "published_at", "lead_image_id"
            )
        ),
        "bylines": list(
            ArticleAuthor.objects.order_by("article__slug", "position").values_list(
                "article__slug", "author__slug", "position"
            )
        ),
        "tags": sorted(TaggedArticle.objects.values_list("content_object__slug", "tag__name")),
        "picks": list(
            RelatedArticle.objects.order_by("from_article__slug", "position").values_list(
                "from_article__slug", "to_article__slug", "position"
            )
        ),
        "authors": list(Author.objects.order_by("slug").values_list("slug", "role", "photo_id")),
        "sections": list(Section.objects.values_list("slug", "name", "position")),
        "images": list(Image.objects.order_by("pk").values_list("pk", "file", "alt_text")),
        "tag_count": Tag.objects.count(),
        "users": list(get_user_model().objects.order_by("username").values_list("username")),
    }


@pytest.fixture(scope="class")
def seed_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for a class of tests that only read it: in a transaction rolled back
    after the class, around which each test's own (a savepoint) is rolled back as usual, as
    Django's ``setUpTestData`` does. Loading it per test took 5 to 13 s each."""
    media_root = tmp_path_factory.mktemp("seed-demo-uploads")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        with transaction.atomic():
            load_demo()
            yield media_root
            transaction.set_rollback(True)


@pytest.fixture
def seed_uploads(seed_demo, isolated_media_root, settings):
    """The test's uploads are the class's demo pictures."""
    settings.MEDIA_ROOT = seed_demo


@pytest.mark.usefixtures("seed_uploads")
class TestSeedPage:
    def test_seed_article_is_visible_with_its_full_body(self):
        article = seed_article()
        paragraphs = re.findall(r"<p>(.*?)</p>", article.body)
        assert len(paragraphs) == 11
        assert paragraphs[0].startswith("North Korea sent about 15,000 labor migrants to Russia")
        assert "North Korea has been one of Russia's staunchest supporters" in article.body
        assert paragraphs[-1] == (
            "Around 600 North Korean soldiers have been killed while fighting alongside Russian "
            "forces, South Korean lawmaker Lee Seong-kweun said on April 30, citing briefings from "
            "the country's National Intelligence Service."
        )
        assert article.reading_minutes == 2
        assert article.section.slug == "news-feed"
        assert article.published_at == datetime.datetime(
            2025, 5, 5, 14, 47, tzinfo=zoneinfo.ZoneInfo("Europe/Kyiv")
        )
        assert set(article.tags.names()) >= {"North Korea", "Russia", "Labor", "Sanctions", "War"}

    def test_seed_article_lead_image_carries_caption_and_credit(self):
        article = seed_article()
        assert article.lead_caption == (
            "North Korea's leader Kim Jong Un (L) walks with Russian President Vladimir Putin "
            "shortly after Putin's arrival in Pyongyang, North Korea early on June 19, 2024."
        )
        assert article.lead_credit == "Gavriil Grigorov / POOL / AFP"
        assert article.lead_caption_with_credit.endswith("2024. (Gavriil Grigorov / POOL / AFP)")
        image = article.lead_image
        assert image.alt_text
        assert (image.width, image.height) == (2400, 1350)
        assert image.file.storage.exists(image.file.name)

    def test_author_box_shows_news_editor_with_bio_and_photo(self):
        [author] = seed_article().byline
        assert author.name == "Kateryna Hodunova"
        assert author.slug == "kateryna-hodunova"
        assert author.role == "News Editor"
        assert author.bio.startswith("Kateryna Hodunova is a News Editor at the Kyiv Independent.")
        assert author.bio.endswith(
            "a master's degree in political science from the National University of Kyiv-Mohyla "
            "Academy."
        )
        assert (author.photo.width, author.photo.height) == (400, 400)
        assert author.photo.file.storage.exists(author.photo.file.name)

    def test_first_editor_pick_is_the_russias_allies_story(self):
        article = seed_article()
        pick = article.picks.order_by("position").first()
        assert pick.position == 0
        allies = pick.to_article
        assert allies.headline == ALLIES_HEADLINE
        assert allies.dek.startswith(
            "More than three years since the start of Moscow’s full-scale invasion of Ukraine"
        )
        assert allies.dek.endswith("building bullets and shells, drones and military vehicles.")
        assert allies.body.count("<p>") >= 4
        assert Article.objects.published().filter(pk=allies.pk).exists()
        assert allies.published_at < article.published_at

    def test_nikopol_story_tops_the_news_feed(self):
        newest = Article.objects.published().newest_first().first()
        assert newest.dek == NIKOPOL_TEASER
        assert "Nikopol" in newest.headline
        [author] = newest.byline
        assert (author.name, author.role) == ("Ignatius Ivlev-Yorke", "Contributor")

    def test_news_desk_signs_as_a_desk(self):
        desk = Author.objects.get(name="The Kyiv Independent news desk")
        assert desk.is_desk is True

    def test_sections_are_ordered_for_the_navigation(self):
        names = list(Section.objects.values_list("name", flat=True))
        assert names[0] == "News Feed"
        assert {"Ukraine", "Business", "Opinion"} <= set(names)
        assert Section.objects.get(name="News Feed").slug == "news-feed"


class TestFiller:
    def test_articles_option_fills_the_feed_with_visible_stories(self):
        call_command("load_demo", "--articles", "45", stdout=io.StringIO())

        visible = Article.objects.published()
        assert visible.count() >= 45 + 3
        assert visible.values("section").distinct().count() >= 4
        assert ArticleAuthor.objects.filter(position=1).exists(), "no shared bylines"
        assert visible.filter(lead_image__isnull=False).count() > visible.count() / 2

    def test_bulk_created_filler_is_clean_and_counted_like_a_saved_article(self):
        call_command("load_demo", "--articles", "30", stdout=io.StringIO())

        for article in Article.objects.all():
            assert article.body == sanitize_html(article.body)
            assert article.word_count == count_words(article.body)
            assert article.bylines.exists()
            assert article.tags.exists()

    def test_asking_for_more_adds_only_the_missing_filler(self):
        call_command("load_demo", "--articles", "10", stdout=io.StringIO())
        before = set(Article.objects.values_list("slug", flat=True))

        output = io.StringIO()
        call_command("load_demo", "--articles", "15", stdout=output)

        after = set(Article.objects.values_list("slug", flat=True))
        assert before < after
        assert len(after - before) == 5
        assert "5 added, 10 already there" in output.getvalue()

    def test_filler_slugs_do_not_depend_on_when_or_how_many(self):
        spring = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)
        winter = datetime.datetime(2026, 12, 31, 23, 0, tzinfo=datetime.UTC)

        for n in range(300):
            assert (
                filler_story(n, published_at=spring).slug
                == filler_story(n, published_at=winter).slug
            )

    def test_the_default_filler_reads_like_different_stories(self):
        """Sixty stories, none of them another one with its numbers or places changed."""
        spring = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)
        headlines = [filler_story(n, published_at=spring).headline for n in range(60)]
        assert_different_stories(headlines)

    def test_negative_article_count_is_refused(self):
        with pytest.raises(CommandError):
            call_command("load_demo", "--articles", "-1", stdout=io.StringIO())


class TestDeskQueue:
    def test_drafts_reviews_and_scheduled_stories_are_hidden_from_readers(self):
        load_demo()

        queue = Article.objects.exclude(pk__in=Article.objects.published())
        statuses = [article.status for article in queue]
        assert statuses.count(Article.Status.DRAFT) >= 2
        assert statuses.count(Article.Status.IN_REVIEW) >= 2
        scheduled = [article for article in queue if article.is_scheduled()]
        assert len(scheduled) >= 2
        assert all(article.published_at > timezone.now() for article in scheduled)

    def test_scheduled_stories_are_pushed_forward_once_their_time_has_passed(self):
        load_demo()
        scheduled = [article for article in Article.objects.all() if article.is_scheduled()]
        Article.objects.filter(pk__in=[article.pk for article in scheduled]).update(
            published_at=timezone.now() - datetime.timedelta(minutes=1)
        )

        load_demo()

        for article in scheduled:
            article.refresh_from_db()
            assert article.is_scheduled() is True


class TestIdempotence:
    def test_running_twice_leaves_the_same_content(self, settings):
        settings.DEBUG = True
        load_demo()
        first = snapshot()

        output = load_demo()

        assert snapshot() == first
        assert "0 added, 5 already there" in output


class TestDemoLogins:
    def test_debug_mode_creates_editor_and_journalist_with_printed_passwords(self, settings):
        settings.DEBUG = True

        output = load_demo()

        for username, group in [("editor", "Editors"), ("journalist", "Journalists")]:
            password = printed_password(output, username)
            user = authenticate(username=username, password=password)
            assert user is not None, f"{username} cannot log in with the printed password"
            assert user.is_staff is True
            assert user.is_superuser is False
            assert list(user.groups.values_list("name", flat=True)) == [group]
        assert "Editor: editor / " in output

    def test_journalist_writes_as_an_author_with_their_own_drafts(self, settings):
        settings.DEBUG = True

        load_demo()

        journalist_user = get_user_model().objects.get(username="journalist")
        profile = journalist_user.author_profile
        assert profile.articles.filter(status=Article.Status.DRAFT).exists()
        assert Article.objects.filter(created_by=journalist_user).exists()

    def test_each_run_replaces_the_passwords(self, settings):
        settings.DEBUG = True
        old_password = printed_password(load_demo(), "editor")

        new_password = printed_password(load_demo(), "editor")

        assert new_password != old_password
        assert authenticate(username="editor", password=old_password) is None
        assert authenticate(username="editor", password=new_password) is not None

    def test_no_logins_without_debug_but_the_content_is_loaded(self, settings):
        settings.DEBUG = False

        output = load_demo()

        assert get_user_model().objects.count() == 0
        assert "only created in debug mode" in output
        assert "/ " not in output.split("only created in debug mode")[0].splitlines()[-1]
        assert seed_article()

    def test_no_logins_flag_leaves_accounts_alone(self, settings):
        settings.DEBUG = True

        output = load_demo("--no-logins")

        assert get_user_model().objects.count() == 0
        assert "editor /" not in output

    def test_groups_made_by_the_migration_are_reused(self, settings):
        settings.DEBUG = True
        groups_before = Group.objects.count()

        load_demo()

        assert Group.objects.count() == groups_before

    def test_warns_when_a_role_group_grants_no_permissions(self, settings):
        settings.DEBUG = True
        editors, _ = Group.objects.get_or_create(name="Editors")
        editors.permissions.clear()

        output = load_demo()

        assert "The Editors group grants no permissions" in output
        assert "The Journalists group" not in output


@pytest.mark.django_db
def test_demo_articles_are_searchable(client):
    call_command("load_demo", "--articles", "25", "--no-logins", stdout=io.StringIO())
    response = client.get("/search/", {"q": "Hodunova"})
    assert response.status_code == 200
    assert "North Korea sends nearly 15,000 migrants" in response.content.decode()
    assert not Article.objects.filter(search_document="").exists()


def test_bulk_load_leaves_the_planner_statistics_of_what_it_wrote():
    with CaptureQueriesContext(connection) as captured:
        call_command("load_demo", "--articles", "25", "--no-logins", stdout=io.StringIO())

    analysed = [query["sql"] for query in captured if query["sql"].startswith("ANALYZE")]
    tables = {sql.split()[-1].strip('"') for sql in analysed}
    assert {"articles_article", "articles_taggedarticle", "articles_articleauthor"} <= tables
    # After the bulk writes, not before them (the page cache's own bookkeeping may follow).
    sql = [query["sql"] for query in captured]
    last_write = max(
        i
        for i, text in enumerate(sql)
        if text.startswith(("INSERT", "UPDATE")) and "articles_" in text
    )
    analyses = [i for i, text in enumerate(sql) if text.startswith("ANALYZE")]
    assert max(analyses) > last_write
    # And between the bulk insert and the search-document refresh that reads it: planned with
    # the statistics of an empty table, that refresh ran for minutes at 100,000 stories.
    refresh_starts = min(
        i
        for i, text in enumerate(sql)
        if text.startswith('SELECT "articles_article"."id" AS "pk"') and '"search_document"' in text
    )
    filler_written = max(
        i
        for i, text in enumerate(sql[:refresh_starts])
        if text.startswith('INSERT INTO "articles_article"')
    )
    assert any(filler_written < i < refresh_starts for i in analyses)
