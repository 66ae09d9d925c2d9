import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.tests.factories import ArticleFactory, SectionFactory, draft, in_review, scheduled
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory

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


def publish_time_fields(moment):
    local = timezone.localtime(moment)
    return {"published_at_0": f"{local:%Y-%m-%d}", "published_at_1": f"{local:%H:%M:%S}"}


def article_form(article=None, **overrides):
    """What the change form posts for ``article`` (a new one when None), with ``overrides``."""
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
            **(
                publish_time_fields(article.published_at)
                if article.published_at
                else {"published_at_0": "", "published_at_1": ""}
            ),
        }
    data.update(
        {
            "tags": "",
            "lead_image": "",
            "lead_image_caption": "",
            "lead_image_credit": "",
            **management("bylines"),
            **management("picks"),
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
    executor = MigrationExecutor(connection)
    executor.migrate([("articles", "0001_initial")])
    assert not Group.objects.filter(name__in=["Journalists", "Editors"]).exists()

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert set(Group.objects.values_list("name", flat=True)) >= {"Journalists", "Editors"}


# --- Journalists -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_journalist_is_offered_draft_and_review_but_no_publish_time(client, journalist):
    client.force_login(journalist)

    response = client.get(ADD_URL)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == ["draft", "in_review"]
    assert "published_at" not in form.fields


@pytest.mark.django_db
def test_journalist_adds_a_draft_with_byline_and_tags(client, journalist):
    author = AuthorFactory()
    client.force_login(journalist)

    response = client.post(
        ADD_URL,
        article_form(
            tags="budget, city council",
            **management("bylines", total=1),
            **{"bylines-0-author": str(author.pk), "bylines-0-position": "0"},
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
    article = draft()
    client.force_login(journalist)

    response = client.post(change_url(article), article_form(article, status="in_review"))

    assert response.status_code == 302
    assert stored(article) == (Article.Status.IN_REVIEW, None)


@pytest.mark.django_db
def test_journalist_submits_for_review_with_the_action(client, journalist):
    first, second = draft(), draft()
    client.force_login(journalist)

    response = run_action(client, "submit_for_review", first, second)

    assert response.status_code == 302
    assert stored(first) == stored(second) == (Article.Status.IN_REVIEW, None)


@pytest.mark.django_db
def test_journalist_cannot_add_a_published_article(client, journalist):
    client.force_login(journalist)
    data = article_form(status="published", **publish_time_fields(timezone.now()))

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("make", [draft, in_review])
def test_journalist_cannot_publish_by_changing_status(client, journalist, make):
    article = make()
    before = stored(article)
    client.force_login(journalist)

    response = client.post(change_url(article), article_form(article, status="published"))

    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert stored(article) == before
    assert not Article.objects.published().exists()


@pytest.mark.django_db
def test_journalist_cannot_schedule_by_posting_a_publish_time(client, journalist):
    article = in_review()
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

    response = client.post(change_url(article), article_form(article, status="published"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at <= timezone.now()
    assert list(Article.objects.published()) == [article]


@pytest.mark.django_db
def test_editor_adds_an_article_scheduled_for_later(client, editor):
    later = (timezone.now() + datetime.timedelta(days=1)).replace(microsecond=0)
    client.force_login(editor)

    response = client.post(ADD_URL, article_form(status="published", **publish_time_fields(later)))

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, later)
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

    response = client.post(change_url(article), article_form(article, status="in_review"))

    assert response.status_code == 302
    assert stored(article) == (Article.Status.IN_REVIEW, None)
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

    with django_assert_max_num_queries(12):
        response = client.get(CHANGELIST_URL)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 30


@pytest.mark.django_db
def test_article_list_shows_byline_and_scheduled_time(client, editor):
    scheduled(headline="Coming tomorrow", authors=[AuthorFactory(name="Martin Fornusek")])
    client.force_login(editor)

    response = client.get(CHANGELIST_URL)

    assert "Martin Fornusek" in response.text
    assert "(scheduled)" in response.text


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
