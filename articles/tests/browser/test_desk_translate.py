"""Translations on the desk in a real browser: a Cyrillic headline's slug, and Translate…."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from articles.tests.factories import ArticleFactory
from authors.tests.factories import AuthorFactory
from tools.testing import PASSWORD
from tools.testing.browser import sign_in_to_desk

pytestmark = pytest.mark.browser


@pytest.fixture
def desk_page(browser, live_server, transactional_db, requests_in_flight):
    User.objects.create_superuser("desk", "desk@example.com", PASSWORD)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    # Autosave is not what these tests are about; one landing during the flush locks SQLite.
    context.route("**/autosave/", lambda route: route.abort())
    errors = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in_to_desk(page, "desk")
    yield page
    context.close()
    assert requests_in_flight.wait_until_none(), "the live server is still answering"
    assert not errors, "script errors:\n" + "\n".join(errors)


def test_a_cyrillic_headline_gets_a_latin_slug_as_it_is_typed(desk_page):
    desk_page.goto(reverse("admin:articles_article_add"))
    desk_page.locator("#id_headline").fill("Київрада ухвалила бюджет")
    desk_page.locator("#id_headline").dispatch_event("change")

    expect(desk_page.locator("#id_slug")).to_have_value("kyivrada-ukhvalyla-biudzhet")


def test_translate_starts_a_draft_in_the_chosen_edition(desk_page):
    story = ArticleFactory(
        headline="Port reopens", slug="port-reopens", authors=[AuthorFactory(name="Olena")]
    )
    desk_page.goto(reverse("admin:articles_article_change", args=[story.pk]))

    desk_page.get_by_role("link", name="Translate…").click()
    desk_page.get_by_label("Ukrainian").check()
    desk_page.get_by_role("button", name="Start the translation").click()

    expect(desk_page.locator(".messagelist")).to_contain_text("Translation into Ukrainian")
    made = Article.objects.get(language="uk")
    assert desk_page.url.endswith(reverse("admin:articles_article_change", args=[made.pk]))
    expect(desk_page.locator("#id_headline")).to_have_value("Port reopens")
    expect(desk_page.locator(".desk-translations")).to_contain_text("Ukrainian edition")
