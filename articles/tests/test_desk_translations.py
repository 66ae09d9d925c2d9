"""Translations on the desk: Translate…, editions in the list, the form's edition."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from articles import translating
from articles.models import Article
from articles.tests.desk import change_url, press
from articles.tests.factories import ArticleFactory, draft, in_review, scheduled
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

CHANGELIST_URL = reverse("admin:articles_article_changelist")


def translate_url(article):
    return reverse("admin:articles_article_translate", args=[article.pk])


def row_of(article):
    return Article.objects.filter(pk=article.pk).values().get()


@pytest.fixture
def story():
    return ArticleFactory(
        headline="Council approves the budget",
        slug="council-approves-the-budget",
        authors=[AuthorFactory(name="Olena Writer")],
        tags=["budget"],
    )


def test_translate_from_the_form_to_a_new_draft(client, journalist, story):
    before = row_of(story)
    client.force_login(journalist)

    form = client.get(change_url(story)).content.decode()
    assert f'href="{translate_url(story)}"' in form and "Translate…" in form
    assert "English edition. No translations yet." in form

    page = client.get(translate_url(story))
    assert page.status_code == 200
    choices = page.context["form"].fields["language"].widget.choices
    assert choices == [("uk", "Ukrainian")]
    assert 'value="uk"' in page.text and 'value="en"' not in page.text

    response = client.post(translate_url(story), {"language": "uk"}, follow=True)

    made = Article.objects.get(language="uk")
    assert response.redirect_chain == [(change_url(made), 302)]
    assert "Translation into Ukrainian started" in response.text
    assert made.translation_key == story.translation_key and made.status == Article.Status.DRAFT
    assert (made.headline, made.body, made.section_id) == (
        story.headline,
        story.body,
        story.section_id,
    )
    assert [author.name for author in made.byline] == ["Olena Writer"]
    assert made.created_by == journalist and made.slug == "council-approves-the-budget-uk"
    # The new draft's form names its edition and links the original, with its state.
    assert "Ukrainian edition. Translations:" in response.text
    assert f'href="{change_url(story)}"' in response.text
    assert row_of(story) == before


def test_the_original_lists_its_translations_and_offers_no_edition_twice(client, editor, story):
    made = translating.translate(story, "uk", editor)
    client.force_login(editor)

    form = client.get(change_url(story)).content.decode()

    assert f'href="{change_url(made)}"' in form
    assert '<span class="desk-badge desk-badge--draft">Draft</span>' in form
    assert f'href="{translate_url(story)}"' not in form
    page = client.get(translate_url(story))
    assert "This story has a translation in every edition" in page.text
    assert 'name="language"' not in page.text


def test_an_edition_translated_since_the_form_was_opened_is_said_so(client, editor, story):
    translating.translate(story, "uk", editor)
    client.force_login(editor)

    response = client.post(translate_url(story), {"language": "uk"})

    assert response.status_code == 200
    assert "already has a translation into Ukrainian" in response.text
    assert Article.objects.filter(language="uk").count() == 1


@pytest.mark.parametrize("language", ["en", "de", ""])
def test_no_translation_into_its_own_or_an_unknown_edition(client, editor, story, language):
    client.force_login(editor)

    response = client.post(translate_url(story), {"language": language})

    assert response.status_code == 200 and response.context["form"].errors
    assert Article.objects.count() == 1


def test_someone_who_may_not_start_stories_gets_403_and_nothing_changes(client, story):
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    before = row_of(story)

    assert client.get(translate_url(story)).status_code == 403
    assert client.post(translate_url(story), {"language": "uk"}).status_code == 403
    assert f'href="{translate_url(story)}"' not in client.get(change_url(story)).text

    assert Article.objects.count() == 1 and row_of(story) == before


def test_translate_needs_a_signed_in_desk_user_and_the_csrf_token(journalist, story):
    anonymous = Client()
    response = anonymous.post(translate_url(story), {"language": "uk"})
    assert response.status_code == 302 and "/login/" in response["Location"]

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(journalist)
    assert strict.post(translate_url(story), {"language": "uk"}).status_code == 403

    assert Article.objects.count() == 1


def test_the_list_shows_editions_translations_and_their_states(client, editor, story):
    made = translating.translate(story, "uk", editor)
    alone = draft(headline="Only in English")
    client.force_login(editor)

    response = client.get(CHANGELIST_URL)

    text = response.text
    assert "column-edition" in text and "column-translations" in text
    assert f'<a class="desk-translation" href="{change_url(made)}"' in text
    assert f'<a class="desk-translation" href="{change_url(story)}"' in text
    assert "Ukrainian" in text
    ukrainian = client.get(CHANGELIST_URL, {"edition": "uk"})
    assert [a.pk for a in ukrainian.context["cl"].result_list] == [made.pk]
    english = client.get(CHANGELIST_URL, {"edition": "en"})
    assert {a.pk for a in english.context["cl"].result_list} == {story.pk, alone.pk}


def test_the_lists_translations_cost_one_query_however_many(
    client, editor, django_assert_num_queries
):
    def grow(count):
        for _ in range(count):
            translating.translate(draft(), "uk", editor)

    client.force_login(editor)
    grow(2)
    with django_assert_num_queries(14) as few:
        client.get(CHANGELIST_URL)
    grow(10)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(CHANGELIST_URL)
    assert response.context["cl"].result_count == 24


def test_the_form_refuses_an_edition_the_story_has_a_translation_in(client, editor, story):
    english = in_review(headline="Written in English", authors=[AuthorFactory()])
    ukrainian = translating.translate(english, "uk", editor)
    client.force_login(editor)
    before = row_of(ukrainian)

    response = press(client, ukrainian, language="en")

    assert response.status_code == 200
    assert "already has a translation in the English edition" in response.text
    assert row_of(ukrainian) == before


def test_the_form_moves_a_draft_into_a_free_edition(client, editor):
    story = draft(headline="Written in the wrong edition")
    client.force_login(editor)

    response = press(client, story, language="uk")

    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).language == "uk"
    # Its list entries follow it into the new edition.
    assert set(story.bylines.values_list("language", flat=True)) == {"uk"}


def test_a_live_storys_edition_is_not_changed_from_the_form(client, editor, story):
    client.force_login(editor)
    form = client.get(change_url(story))
    assert "language" not in form.context["adminform"].form.fields
    assert '<div class="readonly">English</div>' in form.text

    press(client, story, language="uk")

    assert Article.objects.get(pk=story.pk).language == "en"


def test_a_scheduled_storys_edition_is_kept_too(client, editor):
    story = scheduled(headline="Coming tomorrow")
    client.force_login(editor)

    press(client, story, language="uk")

    assert Article.objects.get(pk=story.pk).language == "en"


def test_a_single_edition_desk_shows_nothing_of_translations(client, editor, story, settings):
    settings.LANGUAGES = [("en", "English")]
    client.force_login(editor)

    form = client.get(change_url(story))
    listing = client.get(CHANGELIST_URL)

    assert "Translate…" not in form.text and "edition" not in form.context["adminform"].form.fields
    assert "language" not in form.context["adminform"].form.fields
    assert "column-edition" not in listing.text and "column-translations" not in listing.text
    assert client.get(translate_url(story)).status_code == 404
