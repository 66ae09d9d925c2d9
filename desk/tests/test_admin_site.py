"""Odd values in a desk address get a clear answer or are ignored, on every admin page."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from articles.models import Article, Section

TOO_LARGE_FOR_ANY_DATABASE = "99999999999999999999"


@pytest.fixture
def desk(db):
    superuser = User.objects.create_superuser("chief", "chief@example.com", "pw")
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


@pytest.mark.django_db
def test_add_form_ignores_a_key_too_large_for_the_database(desk):
    section = Section.objects.create(name="World", slug="world")
    response = desk.get(
        reverse("admin:articles_article_add"), {"section": TOO_LARGE_FOR_ANY_DATABASE}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.initial.get("section") is None

    response = desk.get(reverse("admin:articles_article_add"), {"section": section.pk})
    assert response.status_code == 200
    assert response.context["adminform"].form.initial["section"] == str(section.pk)


@pytest.mark.django_db
def test_any_add_form_ignores_values_its_fields_cannot_take(desk):
    response = desk.get(
        reverse("admin:auth_user_add"),
        {"groups": f"1,{TOO_LARGE_FOR_ANY_DATABASE}", "is_staff": "x"},
    )
    assert response.status_code == 200
    initial = response.context["adminform"].form.initial
    assert "groups" not in initial
    assert "is_staff" not in initial


@pytest.mark.django_db
def test_autocomplete_refuses_a_nul_in_the_search_term(desk):
    Section.objects.create(name="World", slug="world")
    response = desk.get(
        reverse("admin:autocomplete"),
        {
            "term": "wor\x00ld",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "section",
        },
    )
    assert response.status_code == 400
    assert Article.objects.exists() is False


@pytest.mark.django_db
def test_autocomplete_still_finds_what_is_typed(desk):
    Section.objects.create(name="World", slug="world")
    response = desk.get(
        reverse("admin:autocomplete"),
        {"term": "wor", "app_label": "articles", "model_name": "article", "field_name": "section"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["World"]


@pytest.mark.django_db
def test_changelist_search_refuses_a_nul(desk):
    response = desk.get(reverse("admin:articles_article_changelist"), {"q": "a\x00b"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_an_apps_own_page_lists_its_screens_not_the_desk_home(desk):
    response = desk.get(reverse("admin:app_list", args=["live"]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Live coverage administration" in page
    assert reverse("admin:live_livestory_changelist") in page
    assert "Unread notes" not in page and "My drafts" not in page
    home = desk.get(reverse("admin:index")).content.decode()
    assert "Unread notes" in home and "My drafts" in home


@pytest.mark.django_db
def test_the_desk_calls_the_tags_tags(desk):
    home = desk.get(reverse("admin:index")).content.decode()
    tags = desk.get(reverse("admin:taggit_tag_changelist")).content.decode()

    assert ">Tags</a>" in home
    assert "Taggit" not in home and "TAGGIT" not in home
    assert "Taggit" not in tags
