"""The desk's article form in a real browser: unsaved changes, the order of the byline, dates
in words, the body's length and the lead image's thumbnail."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from articles.tests.factories import draft
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory
from tools.testing import PASSWORD
from tools.testing.browser import sign_in_to_desk

pytestmark = pytest.mark.browser

BLANK_BYLINE_AUTHOR = (
    "#bylines-group tbody tr.form-row:not(.has_original):not(.empty-form) td.field-author select"
)
BODY_EDITOR = ".ProseMirror[contenteditable=true]"
LEAVE_TIMEOUT_MS = 10_000


class Desk:
    """A logged-in desk session that dismisses "Leave site?" and notes every time it asked."""

    def __init__(self, browser, base_url):
        self.context = browser.new_context(
            base_url=base_url, viewport={"width": 1280, "height": 900}
        )
        self.context.set_default_timeout(10_000)
        self.asked_to_leave = 0
        self.script_errors = []
        page = self.context.new_page()
        sign_in_to_desk(page, "desk")
        page.close()

    def open(self, article):
        page = self.context.new_page()
        page.on("dialog", self.dismiss)
        page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        page.goto(reverse("admin:articles_article_change", args=[article.pk]))
        page.wait_for_load_state("load")
        return page

    def dismiss(self, dialog):
        if dialog.type == "beforeunload":
            self.asked_to_leave += 1
        dialog.dismiss()

    def try_to_leave(self, page):
        """Follows the breadcrumb home; returns whether the page stayed put.

        Waits for one of the two outcomes, the browser asking or the next page arriving,
        rather than a fixed time a slow machine could outlast.
        """
        form_url, asked_before = page.url, self.asked_to_leave
        page.get_by_role("link", name="Home").first.click()
        for _ in range(LEAVE_TIMEOUT_MS // 50):
            if self.asked_to_leave > asked_before or page.url != form_url:
                break
            page.wait_for_timeout(50)
        return page.url == form_url


@pytest.fixture
def desk(browser, live_server, transactional_db, requests_in_flight):
    User.objects.create_superuser("desk", "desk@example.com", PASSWORD)
    desk = Desk(browser, live_server.url)
    # These tests are about leaving a form with unsaved changes, not about autosave (that is
    # test_desk_notes_autosave.py): an autosave landing while the test's database is flushed
    # locks SQLite's shared in-memory database and breaks the next test's setup.
    desk.context.route("**/autosave/", lambda route: route.abort())
    yield desk
    desk.context.close()
    # A request the closed page had started may still be running in the live server's thread;
    # flushing the database under it deadlocks (PostgreSQL) or finds it locked (SQLite).
    assert requests_in_flight.wait_until_none(), "the live server is still answering"
    assert not desk.script_errors, "script errors:\n" + "\n".join(desk.script_errors)


@pytest.fixture
def story(transactional_db):
    return draft(headline="Port reopens", body="<p>Ships are moving again.</p>")


def test_leaving_an_untouched_form_does_not_ask(desk, story):
    page = desk.open(story)
    assert not desk.try_to_leave(page)
    assert desk.asked_to_leave == 0


def test_leaving_after_editing_the_headline_asks_and_staying_keeps_the_words(desk, story):
    page = desk.open(story)
    page.locator("#id_headline").press("End")
    page.keyboard.type(" after the storm")

    assert desk.try_to_leave(page), "the form was left without asking"
    assert desk.asked_to_leave == 1
    expect(page.locator("#id_headline")).to_have_value("Port reopens after the storm")


def test_leaving_after_typing_in_the_body_editor_asks(desk, story):
    page = desk.open(story)
    page.locator(BODY_EDITOR).click()
    page.keyboard.press("End")
    page.keyboard.type(" Crews worked through the night.")

    assert desk.try_to_leave(page)
    assert desk.asked_to_leave == 1


def test_a_change_typed_and_undone_does_not_ask(desk, story):
    page = desk.open(story)
    page.locator("#id_headline").press("End")
    page.keyboard.type("!")
    page.keyboard.press("Backspace")

    assert not desk.try_to_leave(page)
    assert desk.asked_to_leave == 0


def test_saving_does_not_ask_and_keeps_the_change(desk, story):
    page = desk.open(story)
    page.locator("#id_headline").fill("Port reopens after the storm")
    page.locator("button[name=step][value=save]").first.click()

    expect(page.locator(".messagelist")).to_contain_text("Draft saved.")
    assert desk.asked_to_leave == 0
    assert Article.objects.get(pk=story.pk).headline == "Port reopens after the storm"


def test_a_form_shown_again_with_errors_asks_before_its_words_are_lost(desk, story):
    page = desk.open(story)
    page.locator("#id_dek").fill("A dek the desk has not saved yet.")
    page.locator("#id_headline").fill("")
    page.locator("#id_headline").evaluate("input => input.removeAttribute('required')")
    page.locator("button[name=step][value=save]").first.click()
    expect(page.locator(".errornote")).to_be_visible()
    # The note shows as the page is read; the form's script arms the question once it has run.
    page.wait_for_load_state("load")

    assert desk.try_to_leave(page)
    assert desk.asked_to_leave == 1
    assert Article.objects.get(pk=story.pk).dek != "A dek the desk has not saved yet."


def test_arrows_reorder_the_byline_and_saving_keeps_that_order(desk):
    first, second = AuthorFactory(name="Olena Marchenko"), AuthorFactory(name="Iryna Kravets")
    added = AuthorFactory(name="Oleh Rudenko")
    story = draft(headline="Port reopens", authors=[first, second])
    page = desk.open(story)
    rows = page.locator("#bylines-group tbody tr.has_original")

    rows.first.get_by_role("button", name="Move down").click()

    expect(rows.first.locator("td.field-author")).to_contain_text("Iryna Kravets")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move down"
    # A name picked in the blank row goes last, whatever number its hidden field held.
    page.locator(BLANK_BYLINE_AUTHOR).evaluate(
        "(select, id) => select.append(new Option('Oleh Rudenko', id, true, true))", added.pk
    )
    page.locator("button[name=step][value=save]").first.click()

    expect(page.locator(".messagelist")).to_contain_text("Draft saved.")
    byline = story.bylines.order_by("position", "id").values_list("author__name", flat=True)
    assert list(byline) == ["Iryna Kravets", "Olena Marchenko", "Oleh Rudenko"]


def hold_tag_suggestions(page):
    """Keeps every answer of the tag autocomplete waiting, like a slow connection would."""
    held = []
    page.route("**/admin/autocomplete/**", lambda route: held.append(route))
    return held


def test_a_tag_typed_and_entered_before_the_suggestions_load_is_kept(desk, story):
    page = desk.open(story)
    # Whether or not the request has left yet (select2 waits 250 ms), no suggestion ever arrives.
    hold_tag_suggestions(page)
    search = page.locator(".field-tags").locator(".select2-search__field").first
    search.click()
    search.press_sequentially("harbour")
    search.press("Enter")

    expect(page.locator(".field-tags .select2-selection__choice")).to_contain_text("harbour")
    page.locator("button[name=step][value=save]").first.click()

    expect(page.locator(".messagelist")).to_contain_text("Draft saved.")
    assert list(Article.objects.get(pk=story.pk).tags.names()) == ["harbour"]


def test_a_tag_left_in_the_box_when_saving_is_kept(desk, story):
    page = desk.open(story)
    hold_tag_suggestions(page)
    search = page.locator(".field-tags .select2-search__field").first
    search.click()
    search.press_sequentially("ferries")
    page.locator("button[name=step][value=save]").first.click()

    expect(page.locator(".messagelist")).to_contain_text("Draft saved.")
    assert list(Article.objects.get(pk=story.pk).tags.names()) == ["ferries"]


def test_the_chosen_publish_time_is_said_in_words_as_it_is_typed(desk, story):
    page = desk.context.new_page()
    # The browser's clock: Saturday 30 January 2027, 09:00 in Kyiv.
    page.clock.set_fixed_time("2027-01-30T07:00:00Z")
    page.goto(reverse("admin:articles_article_change", args=[story.pk]))
    words = page.locator(".field-published_at .desk-when__words")

    page.fill("#id_published_at_0", "2027-02-01")
    # Written as the browser's Intl writes British English dates (with or without a comma).
    expect(words).to_have_text(re.compile(r"^Monday,? 1 February 2027: choose a time too$"))
    page.fill("#id_published_at_1", "09:00")
    expect(words).to_have_text(
        re.compile(r"^Monday,? 1 February 2027, 09:00 Kyiv time, in 2 days$")
    )

    # Summer time: the same wall clock is an hour nearer to UTC, and still 09:00 in Kyiv.
    page.fill("#id_published_at_0", "2027-07-12")
    expect(words).to_have_text(re.compile(r"^Monday,? 12 July 2027, 09:00 Kyiv time, in "))
    page.fill("#id_published_at_0", "2027-01-27")
    expect(words).to_have_text(
        re.compile(r"^Wednesday,? 27 January 2027, 09:00 Kyiv time, 3 days ago$")
    )
    expect(words).to_have_class("desk-when__words desk-when__words--past")
    page.close()


def test_the_body_shows_its_length_as_it_is_written(desk, story):
    page = desk.open(story)
    count = page.locator(".field-body .desk-word-count")
    expect(count).to_have_text("4 words · 1 min read")

    editor = page.locator(BODY_EDITOR)
    editor.click()
    # Keys pressed before the editor has the caret would land nowhere, or in the last word.
    expect(editor).to_be_focused()
    editor.press("End")
    editor.press("Enter")
    editor.press_sequentially("Cranes are unloading grain.")

    # A new paragraph's first word is a word of its own, markup or not.
    expect(count).to_have_text("8 words · 1 min read")


def test_a_lead_image_picked_from_the_library_shows_as_a_thumbnail(desk, story):
    ImageFactory(alt_text="Grain ships at the quay in Odesa")
    page = desk.open(story)

    page.locator(".field-lead_image .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("quay")
    page.locator(".select2-results__option", has_text="Grain ships at the quay").click()

    thumbnail = page.locator(".field-lead_image .desk-image-preview img")
    expect(thumbnail).to_have_attribute("alt", "Grain ships at the quay in Odesa")
    expect(thumbnail).to_be_visible()


def test_a_providers_link_on_a_line_of_its_own_shows_as_an_embed_block(desk):
    video = "https://www.youtube.com/watch?v=d3m0V1de0Ua"
    story = draft(
        headline="Reservoir drained",
        body=f'<p>Watch <a href="{video}">the footage</a> here.</p>'
        f'<p><a href="{video}">{video}</a></p>',
    )
    page = desk.open(story)

    blocks = page.locator(f"{BODY_EDITOR} .desk-embed-block")
    expect(blocks).to_have_count(1)
    expect(blocks).to_have_attribute("data-embed-provider", "YouTube embed")
    expect(blocks).to_have_text(video)
