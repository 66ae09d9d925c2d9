import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article
from articles.tests.factories import ArticleFactory, SectionFactory, draft, in_review, scheduled
from authors.tests.factories import AuthorFactory
from media.models import Image
from media.tests.factories import ImageFactory, uploaded_image

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def byline_rows(*authors):
    """The byline inline as the form posts it with ``authors`` added in new rows."""
    rows = management("bylines", total=len(authors))
    for index, author in enumerate(authors):
        rows |= {
            f"bylines-{index}-author": str(author.pk),
            f"bylines-{index}-role": "writer",
            f"bylines-{index}-position": str(index),
        }
    return rows


def publish_time_fields(moment, name="published_at"):
    if moment is None:
        return {f"{name}_0": "", f"{name}_1": ""}
    local = timezone.localtime(moment)
    return {f"{name}_0": f"{local:%Y-%m-%d}", f"{name}_1": f"{local:%H:%M:%S}"}


def article_form(article=None, step="save", **overrides):
    """What the change form posts for ``article`` (a new one when None) when the button ``step``
    is pressed, with ``overrides``."""
    if article is None:
        data = {
            "headline": "Council approves the budget",
            "slug": "council-approves-the-budget",
            "section": str(SectionFactory().pk),
            "dek": "After a long night of debate.",
            "body": "<p>The council voted at midnight.</p>",
            "status": Article.Status.DRAFT,
            "published_at_0": "",
            "published_at_1": "",
        }
    else:
        data = {
            "headline": article.headline,
            "slug": article.slug,
            "section": str(article.section_id),
            "dek": article.dek,
            "body": article.body,
            "status": article.status,
            **publish_time_fields(article.published_at),
            **publish_time_fields(article.embargo_until, "embargo_until"),
        }
    if article is not None:
        data["opened_version"] = str(
            Article.objects.values_list("version", flat=True).get(pk=article.pk)
        )
    data.update(
        {
            "step": step,
            "tags": "",
            "lead_image": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            **management("bylines"),
            **management("picks"),
            **management("corrections"),
        }
    )
    data.update(overrides)
    return data


def stored(article):
    return Article.objects.values_list("status", "published_at").get(pk=article.pk)


def run_action(client, action, *articles):
    return client.post(
        CHANGELIST_URL,
        {"action": action, "_selected_action": [str(article.pk) for article in articles]},
    )


# --- Groups ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_migrations_create_the_desk_groups_with_publishing_for_editors_only():
    journalists = Group.objects.get(name="Journalists")
    editors = Group.objects.get(name="Editors")
    publish = Permission.objects.get(content_type__app_label="articles", codename="publish_article")

    assert publish in editors.permissions.all()
    assert publish not in journalists.permissions.all()
    assert journalists.permissions.filter(codename="add_article").exists()
    assert not journalists.permissions.filter(codename="delete_article").exists()
    for group in (journalists, editors):
        assert not group.permissions.filter(content_type__model__in=["group", "permission"])
        assert not group.permissions.filter(
            content_type__model="user", codename__in=["add_user", "change_user", "delete_user"]
        )


@pytest.mark.django_db(transaction=True)
def test_groups_migration_is_reversible():
    # A new database makes the groups in the squashed articles migration: undo all of it.
    executor = MigrationExecutor(connection)
    executor.migrate([("articles", None)])
    assert not Group.objects.filter(name__in=["Journalists", "Editors"]).exists()

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert set(Group.objects.values_list("name", flat=True)) >= {"Journalists", "Editors"}


# --- Journalists -----------------------------------------------------------------------------


def offered_steps(response):
    return [step for step, _, _ in response.context["workflow_steps"]]


@pytest.mark.django_db
def test_journalist_is_offered_draft_and_review_but_no_publish_time(client, journalist):
    client.force_login(journalist)

    response = client.get(ADD_URL)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert offered_steps(response) == ["save", "submit"]
    assert "status" not in form.fields
    assert "published_at" not in form.fields
    assert ">Save draft</button>" in response.text
    assert ">Submit for review</button>" in response.text
    assert "Publish now" not in response.text


@pytest.mark.django_db
def test_journalist_adds_a_draft_with_byline_and_tags(client, journalist):
    author = AuthorFactory()
    client.force_login(journalist)

    response = client.post(
        ADD_URL,
        article_form(
            tags="budget, city council",
            **management("bylines", total=1),
            **{
                "bylines-0-author": str(author.pk),
                "bylines-0-role": "writer",
                "bylines-0-position": "0",
            },
        ),
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="council-approves-the-budget")
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)
    assert article.created_by == journalist
    assert article.byline == [author]
    assert sorted(article.tags.names()) == ["budget", "city council"]


@pytest.mark.django_db
def test_journalist_submits_for_review_from_the_form(client, journalist):
    article = draft(created_by=journalist)
    client.force_login(journalist)

    response = client.post(change_url(article), article_form(article, step="submit"))

    assert response.status_code == 302
    assert stored(article) == (Article.Status.IN_REVIEW, None)


@pytest.mark.django_db
def test_journalist_submits_for_review_with_the_action(client, journalist):
    first, second = draft(created_by=journalist), draft(created_by=journalist)
    client.force_login(journalist)

    response = run_action(client, "submit_for_review", first, second)

    assert response.status_code == 302
    assert stored(first) == stored(second) == (Article.Status.IN_REVIEW, None)


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["publish", "schedule"])
def test_journalist_cannot_add_a_published_article(client, journalist, step):
    client.force_login(journalist)
    later = timezone.now() + datetime.timedelta(hours=2)
    data = article_form(step=step, status="published", **publish_time_fields(later))

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors.as_data()[0].code == "not_a_publisher"
    assert "Only editors can publish" in response.text
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("make", [draft, in_review])
@pytest.mark.parametrize("step", ["publish", "schedule", "unpublish", "send_back"])
def test_journalist_cannot_publish_with_a_crafted_step(client, journalist, make, step):
    article = make(created_by=journalist)
    before = stored(article)
    client.force_login(journalist)
    later = timezone.now() + datetime.timedelta(hours=2)

    response = client.post(
        change_url(article),
        article_form(article, step=step, headline="Changed", desk_note="Because.")
        | publish_time_fields(later),
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors.as_data()[0].code == "not_a_publisher"
    article.refresh_from_db()
    assert article.headline != "Changed"
    assert stored(article) == before
    assert not Article.objects.published().exists()


@pytest.mark.django_db
@pytest.mark.parametrize("make", [draft, in_review])
def test_journalist_cannot_publish_by_posting_a_status(client, journalist, make):
    """Status is not a field of the form: only the workflow steps move it."""
    article = make(created_by=journalist)
    before = stored(article)
    client.force_login(journalist)

    response = client.post(change_url(article), article_form(article, status="published"))

    assert response.status_code == 302
    assert stored(article) == before
    assert not Article.objects.published().exists()


@pytest.mark.django_db
def test_journalist_cannot_schedule_by_posting_a_publish_time(client, journalist):
    article = in_review(created_by=journalist)
    client.force_login(journalist)
    later = timezone.now() + datetime.timedelta(hours=2)

    response = client.post(
        change_url(article),
        article_form(article, headline="A sharper headline", published_at=later.isoformat())
        | publish_time_fields(later),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "A sharper headline"
    assert (article.status, article.published_at) == (Article.Status.IN_REVIEW, None)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["publish_now", "unpublish"])
def test_journalist_cannot_use_the_publishing_actions(client, journalist, action):
    waiting, live = in_review(), ArticleFactory()
    before = {article.pk: stored(article) for article in (waiting, live)}
    client.force_login(journalist)

    offered = client.get(CHANGELIST_URL).context["action_form"].fields["action"].choices
    assert action not in [name for name, _ in offered]
    run_action(client, action, waiting, live)

    assert {article.pk: stored(article) for article in (waiting, live)} == before
    assert list(Article.objects.published()) == [live]


@pytest.mark.django_db
@pytest.mark.parametrize("make", [ArticleFactory, scheduled], ids=["live", "scheduled"])
def test_journalist_can_view_but_not_change_a_published_article(client, journalist, make):
    article = make()
    before = stored(article)
    client.force_login(journalist)

    view = client.get(change_url(article))
    response = client.post(
        change_url(article), article_form(article, status="draft", headline="Rewritten")
    )

    assert view.status_code == 200
    assert view.context["has_change_permission"] is False
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline != "Rewritten"
    assert stored(article) == before


# --- Editors ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_editor_publishes_now_from_the_form(client, editor):
    article = in_review()
    client.force_login(editor)

    response = client.post(change_url(article), article_form(article, step="publish"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at <= timezone.now()
    assert list(Article.objects.published()) == [article]


@pytest.mark.django_db
def test_editor_adds_an_article_scheduled_for_later(client, editor):
    later = (timezone.now() + datetime.timedelta(days=1)).replace(microsecond=0)
    client.force_login(editor)

    writer = AuthorFactory(name="Olena Goncharova")

    response = client.post(
        ADD_URL,
        article_form(step="schedule", **publish_time_fields(later), **byline_rows(writer)),
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, later)
    assert article.byline == [writer]
    assert article.is_scheduled() is True
    assert article.created_by == editor
    assert not Article.objects.published().exists()


@pytest.mark.django_db
def test_editor_edits_a_live_article_without_moving_its_publish_time(client, editor):
    article = ArticleFactory()
    published_at = article.published_at
    client.force_login(editor)

    response = client.post(change_url(article), article_form(article, headline="Corrected"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Corrected"
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, published_at)


@pytest.mark.django_db
def test_editor_unpublishes_from_the_form(client, editor):
    article = ArticleFactory()
    client.force_login(editor)

    response = client.post(change_url(article), article_form(article, step="unpublish"))

    assert response.status_code == 302
    assert stored(article) == (Article.Status.DRAFT, None)
    article.refresh_from_db()
    assert article.withdrawn_at is not None
    assert not Article.objects.published().exists()


@pytest.mark.django_db
def test_editor_publishes_now_with_the_action(client, editor):
    waiting, queued = in_review(), scheduled()
    live = ArticleFactory()
    live_since = live.published_at
    client.force_login(editor)

    response = run_action(client, "publish_now", waiting, queued, live)

    assert response.status_code == 302
    assert set(Article.objects.published()) == {waiting, queued, live}
    assert stored(live) == (Article.Status.PUBLISHED, live_since)


@pytest.mark.django_db
def test_editor_unpublishes_with_the_action(client, editor):
    live, queued = ArticleFactory(), scheduled()
    client.force_login(editor)

    response = run_action(client, "unpublish", live, queued)

    assert response.status_code == 302
    assert stored(live) == stored(queued) == (Article.Status.DRAFT, None)
    assert not Article.objects.published().exists()


# --- Lists and pages -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "admin:articles_article_changelist",
        "admin:articles_section_changelist",
        "admin:authors_author_changelist",
        "admin:media_image_changelist",
        "admin:articles_article_add",
        "admin:authors_author_add",
        "admin:media_image_add",
    ],
)
def test_desk_pages_load_for_an_editor(client, editor, url_name):
    ArticleFactory(authors=[AuthorFactory(photo=ImageFactory())], lead_image=ImageFactory())
    client.force_login(editor)

    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.django_db
def test_article_change_page_loads_with_its_byline_and_picks(client, editor):
    other = ArticleFactory()
    article = ArticleFactory(authors=[AuthorFactory(name="Olena Goncharova")], related=[other])
    client.force_login(editor)

    response = client.get(change_url(article))

    assert response.status_code == 200
    assert "Olena Goncharova" in response.text
    assert other.headline in response.text


@pytest.mark.django_db
def test_article_list_costs_the_same_whatever_the_number_of_bylines(
    client, editor, django_assert_max_num_queries
):
    section = SectionFactory()
    for _ in range(10):
        ArticleFactory(section=section, authors=[AuthorFactory(), AuthorFactory()])
        draft(section=section, authors=[AuthorFactory()])
        scheduled(section=section, authors=[AuthorFactory()])
    client.force_login(editor)

    # The twelve the list needed before, the count of the scheduled queue shown above it, and
    # the page's translations (one query, articles.admin.translations).
    with django_assert_max_num_queries(14):
        response = client.get(CHANGELIST_URL)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 30


@pytest.mark.django_db
def test_article_list_shows_byline_and_scheduled_time(client, editor):
    scheduled(headline="Coming tomorrow", authors=[AuthorFactory(name="Martin Fornusek")])
    client.force_login(editor)

    response = client.get(CHANGELIST_URL)

    assert "Martin Fornusek" in response.text
    (article,) = response.context["cl"].result_list
    when = date_format(timezone.localtime(article.published_at), "j M Y, H:i T")
    assert '<span class="desk-badge desk-badge--scheduled">Scheduled</span>' in response.text
    assert f"goes live {when}" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("publication", "expected"), [("live", "live"), ("scheduled", "queued"), (None, "all")]
)
def test_article_list_filters_live_and_scheduled(client, editor, publication, expected):
    articles = {"live": ArticleFactory(), "queued": scheduled(), "waiting": in_review()}
    client.force_login(editor)

    response = client.get(CHANGELIST_URL, {"publication": publication} if publication else {})

    shown = set(response.context["cl"].result_list)
    assert shown == ({articles[expected]} if expected != "all" else set(articles.values()))


@pytest.mark.django_db
def test_article_list_searches_headline_and_body(client, editor):
    match = ArticleFactory(body="<p>The dam at Nova Kakhovka.</p>")
    ArticleFactory()
    client.force_login(editor)

    response = client.get(CHANGELIST_URL, {"q": "Kakhovka"})

    assert list(response.context["cl"].result_list) == [match]


@pytest.mark.django_db
def test_author_list_shows_the_photo_with_its_alt_text(client, editor):
    AuthorFactory(photo=ImageFactory(alt_text="Portrait of Olena"))
    client.force_login(editor)

    response = client.get(reverse("admin:authors_author_changelist"))

    assert 'alt="Portrait of Olena"' in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model_name", "field_name", "make", "term"),
    [
        ("article", "section", lambda: SectionFactory(name="Ukraine"), "Ukra"),
        ("article", "lead_image", lambda: ImageFactory(alt_text="Smoke over Kyiv"), "Smoke"),
        ("articleauthor", "author", lambda: AuthorFactory(name="Kateryna Hodunova"), "Hodun"),
        ("relatedarticle", "to_article", lambda: ArticleFactory(headline="Grain deal"), "Grain"),
    ],
)
def test_journalist_can_use_the_autocompletes(
    client, journalist, model_name, field_name, make, term
):
    target = make()
    client.force_login(journalist)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": term},
    )

    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [str(target.pk)]


@pytest.mark.django_db
def test_editor_finds_the_account_to_link_to_an_author(client, editor, journalist):
    client.force_login(editor)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "authors", "model_name": "author", "field_name": "user", "term": "journ"},
    )

    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [str(journalist.pk)]


# --- Ownership, roles and accounts -----------------------------------------------------------


@pytest.mark.django_db
def test_journalist_cannot_change_a_colleagues_draft(client, journalist, other_journalist):
    article = draft(created_by=other_journalist, headline="Colleague's draft")
    before = stored(article)
    client.force_login(journalist)

    view = client.get(change_url(article))
    response = client.post(
        change_url(article), article_form(article, step="submit", headline="Taken over")
    )
    run_action(client, "submit_for_review", article)

    assert view.status_code == 200
    assert view.context["has_change_permission"] is False
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Colleague's draft"
    assert stored(article) == before


@pytest.mark.django_db
def test_journalist_edits_a_draft_that_carries_their_byline(client, journalist):
    profile = AuthorFactory(user=journalist)
    article = draft(authors=[profile])
    client.force_login(journalist)

    response = client.post(change_url(article), article_form(article, headline="Mine too"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Mine too"


@pytest.mark.django_db
def test_journalist_lands_on_their_own_articles(client, journalist, other_journalist):
    profile = AuthorFactory(user=journalist)
    started = draft(created_by=journalist)
    bylined = ArticleFactory(authors=[profile])
    draft(created_by=other_journalist)
    ArticleFactory()
    client.force_login(journalist)

    landing = client.get(CHANGELIST_URL)
    everyone = client.get(CHANGELIST_URL, {"whose": "all"})

    assert set(landing.context["cl"].result_list) == {started, bylined}
    assert "My articles" in landing.text
    assert everyone.context["cl"].result_count == 4


@pytest.mark.django_db
def test_editor_lands_on_every_article_and_can_narrow_to_their_own(client, editor):
    own = draft(created_by=editor)
    ArticleFactory()
    client.force_login(editor)

    assert client.get(CHANGELIST_URL).context["cl"].result_count == 2
    assert list(client.get(CHANGELIST_URL, {"whose": "mine"}).context["cl"].result_list) == [own]


@pytest.mark.django_db
def test_a_journalists_new_story_carries_their_byline(client, journalist):
    profile = AuthorFactory(user=journalist, name="Olena Marchenko")
    client.force_login(journalist)

    client.post(ADD_URL, article_form())

    assert Article.objects.get().byline == [profile]


@pytest.mark.django_db
def test_editor_edits_anyones_draft(client, editor, journalist):
    article = draft(created_by=journalist)
    client.force_login(editor)

    response = client.post(change_url(article), article_form(article, headline="Tightened"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Tightened"


@pytest.mark.django_db
def test_journalist_cannot_delete_articles(client, journalist):
    article = draft(created_by=journalist)
    client.force_login(journalist)

    response = client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["journalist", "editor"])
@pytest.mark.parametrize(
    "url_name", ["admin:auth_user_add", "admin:auth_group_add", "admin:auth_group_changelist"]
)
def test_only_administrators_manage_accounts_and_groups(client, request, who, url_name):
    user = request.getfixturevalue(who)
    client.force_login(user)
    groups_before = list(user.groups.values_list("name", flat=True))

    assert client.get(reverse(url_name)).status_code == 403
    assert client.post(reverse(url_name), {"name": "Chiefs", "username": "x"}).status_code == 403
    change_self = client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {"username": user.username, "is_superuser": "on", "groups": []},
    )
    assert change_self.status_code == 403
    user.refresh_from_db()
    assert user.is_superuser is False
    assert list(user.groups.values_list("name", flat=True)) == groups_before
    assert User.objects.count() == 1


# --- Workflow steps --------------------------------------------------------------------------


@pytest.mark.django_db
def test_editor_sends_a_story_back_to_draft_with_a_note(client, editor, journalist):
    article = in_review(created_by=journalist)
    client.force_login(editor)

    response = client.post(
        change_url(article),
        article_form(article, step="send_back", desk_note="Second source, please."),
    )

    assert response.status_code == 302
    assert stored(article) == (Article.Status.DRAFT, None)
    note = article.desk_notes.get()
    assert (note.text, note.created_by) == ("Second source, please.", editor)
    client.force_login(journalist)
    assert "Second source, please." in client.get(change_url(article)).text


@pytest.mark.django_db
def test_sending_back_needs_a_note(client, editor):
    article = in_review()
    client.force_login(editor)

    response = client.post(change_url(article), article_form(article, step="send_back"))

    assert response.status_code == 200
    assert "desk_note" in response.context["adminform"].form.errors
    assert stored(article) == (Article.Status.IN_REVIEW, None)


@pytest.mark.django_db
@pytest.mark.parametrize("hours", [None, -1], ids=["no time", "past time"])
def test_scheduling_needs_a_time_to_come(client, editor, hours):
    article = in_review()
    client.force_login(editor)
    at = None if hours is None else timezone.now() + datetime.timedelta(hours=hours)

    response = client.post(
        change_url(article), article_form(article, step="schedule") | publish_time_fields(at)
    )

    assert response.status_code == 200
    assert "published_at" in response.context["adminform"].form.errors
    assert stored(article) == (Article.Status.IN_REVIEW, None)


@pytest.mark.django_db
def test_a_new_publish_time_needs_the_schedule_button(client, editor):
    article = scheduled()
    before = stored(article)
    client.force_login(editor)
    later = timezone.now() + datetime.timedelta(days=2)

    response = client.post(change_url(article), article_form(article) | publish_time_fields(later))

    assert response.status_code == 200
    assert "published_at" in response.context["adminform"].form.errors
    assert stored(article) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "steps"),
    [
        (draft, ["save", "submit", "schedule", "publish"]),
        (in_review, ["save", "send_back", "schedule", "publish"]),
        (scheduled, ["save", "schedule", "publish", "unpublish"]),
        (ArticleFactory, ["save", "unpublish"]),
    ],
    ids=["draft", "in review", "scheduled", "live"],
)
def test_editor_buttons_match_the_state(client, editor, make, steps):
    client.force_login(editor)

    response = client.get(change_url(make()))

    assert offered_steps(response) == steps


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "steps"), [(draft, ["save", "submit"]), (in_review, ["save", "pull_back"])]
)
def test_journalist_buttons_match_the_state(client, journalist, make, steps):
    client.force_login(journalist)

    response = client.get(change_url(make(created_by=journalist)))

    assert offered_steps(response) == steps


@pytest.mark.django_db
def test_a_step_that_does_not_fit_the_state_changes_nothing(client, editor):
    article = ArticleFactory()
    before = stored(article)
    client.force_login(editor)

    response = client.post(change_url(article), article_form(article, step="submit"))

    assert response.status_code == 200
    assert stored(article) == before


# --- Desk list, images and autocompletes -----------------------------------------------------


@pytest.mark.django_db
def test_article_list_shows_status_badges(client, editor):
    draft(headline="A draft")
    in_review(headline="Awaiting review")
    scheduled(headline="Coming later")
    ArticleFactory(headline="Out now")
    client.force_login(editor)

    response = client.get(CHANGELIST_URL)

    for state, label in [
        ("draft", "Draft"),
        ("in_review", "In review"),
        ("scheduled", "Scheduled"),
        ("live", "Live"),
    ]:
        assert f'<span class="desk-badge desk-badge--{state}">{label}</span>' in response.text


@pytest.mark.django_db
def test_journalist_list_costs_the_same_however_many_articles(
    client, journalist, django_assert_num_queries
):
    def grow(count):
        for _ in range(count):
            draft(created_by=journalist, authors=[AuthorFactory(), AuthorFactory()])

    client.force_login(journalist)
    grow(3)
    with django_assert_num_queries(14) as few:
        client.get(CHANGELIST_URL)
    grow(20)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(CHANGELIST_URL)
    assert response.context["cl"].result_count == 23


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "shown"), [(draft, False), (scheduled, False), (ArticleFactory, True)]
)
def test_view_on_site_only_for_live_stories(client, editor, make, shown):
    article = make()
    client.force_login(editor)

    response = client.get(change_url(article))

    assert (article.get_absolute_url() in response.text) is shown


@pytest.mark.django_db
def test_journalist_uploads_a_lead_image_without_leaving_the_form(client, journalist):
    client.force_login(journalist)

    form = client.get(ADD_URL)
    popup = client.post(
        reverse("admin:media_image_add") + "?_to_field=id&_popup=1",
        {
            "file": uploaded_image(),
            "alt_text": "Firefighters at the scene",
            "caption": "",
            "credit": "",
            "_popup": "1",
            "_to_field": "id",
        },
    )

    assert 'id="add_id_lead_image"' in form.text
    assert popup.status_code == 200
    assert "popup_response" in popup.templates[0].name
    image = Image.objects.get()
    assert image.uploaded_by == journalist
    response = client.post(ADD_URL, article_form(lead_image=str(image.pk)))
    assert response.status_code == 302
    assert Article.objects.get().lead_image == image


@pytest.mark.django_db
def test_tags_autocomplete_offers_existing_tags_and_keeps_new_ones(client, journalist):
    ArticleFactory(tags=["Energy", "Sanctions"])
    client.force_login(journalist)

    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "article", "field_name": "tags", "term": "ener"},
    )
    response = client.post(ADD_URL, article_form() | {"tags": ["Energy", "city council"]})

    assert [result["text"] for result in found.json()["results"]] == ["Energy"]
    assert response.status_code == 302
    assert sorted(Article.objects.get(slug="council-approves-the-budget").tags.names()) == [
        "Energy",
        "city council",
    ]


@pytest.mark.django_db
def test_journalist_cannot_delete_in_bulk(client, journalist):
    article = draft(created_by=journalist)
    client.force_login(journalist)

    offered = client.get(CHANGELIST_URL).context["action_form"].fields["action"].choices
    run_action(client, "delete_selected", article)
    client.post(
        CHANGELIST_URL,
        {"action": "delete_selected", "_selected_action": [str(article.pk)], "post": "yes"},
    )

    assert "delete_selected" not in [name for name, _ in offered]
    assert Article.objects.filter(pk=article.pk).exists()


@pytest.mark.django_db
def test_journalist_cannot_bulk_edit_the_sections(client, journalist):
    section = SectionFactory(position=3)
    client.force_login(journalist)

    response = client.post(
        reverse("admin:articles_section_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(section.pk),
            "form-0-position": "0",
            "_save": "Save",
        },
    )

    assert response.status_code in (200, 403)
    section.refresh_from_db()
    assert section.position == 3


@pytest.mark.django_db
def test_queue_costs_the_same_however_much_is_scheduled(client, editor, django_assert_num_queries):
    client.force_login(editor)
    for _ in range(2):
        scheduled(authors=[AuthorFactory()])
    # session, user, permissions (2), the scheduled articles, their bylines
    with django_assert_num_queries(6) as few:
        client.get(reverse("admin:articles_article_queue"))
    for _ in range(15):
        scheduled(authors=[AuthorFactory(), AuthorFactory()])

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("admin:articles_article_queue"))

    assert len(response.context["rows"]) == 17


@pytest.mark.django_db
def test_history_costs_the_same_however_many_versions(client, editor, django_assert_num_queries):
    from articles import publishing

    article = draft()
    client.force_login(editor)
    url = reverse("admin:articles_article_history", args=[article.pk])
    publishing.publish_article(article=article, editor=editor)
    with django_assert_num_queries(7) as few:
        client.get(url)
    for _ in range(10):
        publishing.unpublish_article(article=article, editor=editor)
        publishing.publish_article(article=article, editor=editor)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert len(response.context["rows"]) == 21


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["save", "submit", "publish"])
def test_a_note_for_the_desk_is_kept_whichever_button_is_pressed(client, editor, step):
    article = draft()
    client.force_login(editor)

    response = client.post(
        change_url(article), article_form(article, step=step, desk_note="Lawyer has read it.")
    )

    assert response.status_code == 302
    assert list(article.desk_notes.values_list("text", flat=True)) == ["Lawyer has read it."]
