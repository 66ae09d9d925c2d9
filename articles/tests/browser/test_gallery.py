"""Photo galleries in a real browser: the demo's Nikopol gallery read on a phone and a desktop,
its full-screen view used by keyboard, and a gallery put into a story from the desk."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from articles.tests.browser.test_desk import BODY_EDITOR, desk, story  # noqa: F401 (fixtures)
from media.galleries import gallery_items
from media.tests.factories import ImageFactory
from tools.testing.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser

NIKOPOL_URL = reverse(
    "articles:detail",
    args=["a-day-with-nikopols-emergency-responders-under-relentless-russian-fire"],
)
VIEWER = "dialog.gallery-viewer"


def test_the_full_screen_view_works_by_keyboard_and_gives_focus_back(reader):
    page = reader.open(NIKOPOL_URL)
    gallery = page.get_by_role("group", name="Photo gallery 1, 5 pictures")
    expect(gallery).to_have_attribute("aria-roledescription", "gallery")
    second = gallery.get_by_role("link", name="Open full screen: picture 2 of 5")

    second.focus()
    page.keyboard.press("Enter")

    viewer = page.locator(VIEWER)
    expect(viewer).to_be_visible()
    expect(viewer).to_have_attribute("aria-label", re.compile(r"Picture 2 of 5$"))
    expect(viewer.get_by_role("button", name="Close")).to_be_focused()
    expect(viewer.locator("figcaption")).to_contain_text("The Dnipro River seen from Nikopol")
    expect(viewer.locator("figcaption")).to_contain_text("(Ignatius Ivlev-Yorke")
    page.keyboard.press("ArrowRight")
    expect(viewer.locator(".gallery-viewer__count")).to_have_text("Picture 3 of 5")
    expect(viewer.locator("figcaption")).to_contain_text("occupied Zaporizhzhia")
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    expect(viewer.locator(".gallery-viewer__count")).to_have_text("Picture 5 of 5")
    # The full-screen picture is the same picture, offered at the width of the screen.
    expect(viewer.locator("img")).to_have_attribute("sizes", "100vw")
    expect(viewer.locator("img")).to_have_attribute("alt", re.compile("Apartment blocks"))
    viewer.get_by_role("button", name="Next").click()
    expect(viewer.locator(".gallery-viewer__count")).to_have_text("Picture 1 of 5")

    page.keyboard.press("Escape")

    expect(viewer).to_be_hidden()
    expect(second).to_be_focused()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_gallery_and_its_full_screen_view_have_no_accessibility_violations(
    reader, axe_script, color_scheme
):
    page = reader.open(NIKOPOL_URL, color_scheme=color_scheme)
    closed = axe_violations(page, axe_script)
    page.locator(".gallery__open").first.click()
    expect(page.locator(VIEWER)).to_be_visible()
    opened = axe_violations(page, axe_script)

    assert not closed, describe_violations(closed)
    assert not opened, describe_violations(opened)


def test_a_phone_swipes_through_a_strip_that_stops_at_each_picture(reader):
    page = reader.open(NIKOPOL_URL, width=390, height=844)
    strip = page.locator(".gallery__items")
    strip.scroll_into_view_if_needed()

    style = strip.evaluate(
        "list => { const s = getComputedStyle(list); const item = list.firstElementChild;"
        " return {snap: s.scrollSnapType, overflow: s.overflowX,"
        " align: getComputedStyle(item).scrollSnapAlign,"
        " wider: list.scrollWidth > list.clientWidth + 100,"
        " pageWider: document.documentElement.scrollWidth > window.innerWidth} }"
    )
    assert style == {
        "snap": "x mandatory",
        "overflow": "auto",
        "align": "start",
        "wider": True,
        "pageWider": False,
    }
    strip.evaluate("list => list.scrollBy({left: list.clientWidth * 0.6})")
    # Scroll snapping settles on the next picture, never between two.
    page.wait_for_timeout(600)
    settled = strip.evaluate(
        "list => [...list.children].map(item => item.offsetLeft - list.offsetLeft)"
        ".includes(list.scrollLeft)"
    )
    assert settled is True


def test_a_desktop_shows_the_gallery_as_a_grid(reader):
    page = reader.open(NIKOPOL_URL, width=1280)
    strip = page.locator(".gallery__items")

    assert strip.evaluate("list => getComputedStyle(list).display") == "grid"
    tops = page.locator(".gallery__item").evaluate_all(
        "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 2  # five pictures, three to a row


def test_without_javascript_each_picture_links_to_its_largest_rendition(reader):
    page = reader.open(NIKOPOL_URL, javascript=False)
    link = page.locator(".gallery__open").first

    href = link.get_attribute("href")
    assert re.search(r"/renditions/.+/w1600-\w+\.jpeg$", href), href
    link.click()
    expect(page).to_have_url(re.compile(r"w1600-\w+\.jpeg$"))


def test_the_desk_inserts_a_gallery_of_library_pictures_with_a_caption(desk, story):  # noqa: F811
    harbour = ImageFactory(alt_text="Cranes over the harbour", caption="The harbour at dawn.")
    ferry = ImageFactory(alt_text="A ferry leaving the quay", caption="The first ferry out.")
    ImageFactory(alt_text="A tractor in a field", caption="Harvest time.")
    page = desk.open(story)
    editor = page.locator(BODY_EDITOR)
    editor.click()
    editor.press("End")

    page.get_by_role("button", name="Insert a photo gallery").click()
    picker = page.locator("dialog.desk-gallery-picker")
    picker.get_by_role("searchbox").fill("harbour")
    picker.get_by_role("button", name="Cranes over the harbour").click()
    picker.get_by_role("searchbox").fill("ferry")
    picker.get_by_role("button", name="A ferry leaving the quay").click()
    picker.get_by_role("button", name="Insert pictures (2)").click()

    block = page.locator("[data-gallery-block]")
    expect(block).to_contain_text("Gallery: 2 pictures")
    expect(block.locator("img")).to_have_count(2)
    expect(block.locator("img").first).to_have_attribute("alt", "Cranes over the harbour")
    caption = block.get_by_role("textbox", name="Caption in this story, picture 2")
    expect(caption).to_have_attribute("placeholder", "The first ferry out.")
    caption.fill("The first ferry to leave since the strike.")
    caption.press("Tab")
    page.locator("button[name=step][value=save]").first.click()

    expect(page.locator(".messagelist")).to_contain_text("Draft saved.")
    saved = Article.objects.get(pk=story.pk)
    assert gallery_items(saved.body) == [
        [(harbour.pk, ""), (ferry.pk, "The first ferry to leave since the strike.")]
    ]
    assert "Ships are moving again." in saved.body
    assert set(saved.gallery_images.all()) == {harbour, ferry}
    # Opened again, the form shows the block as it was saved.
    again = desk.open(saved)
    expect(again.locator("[data-gallery-block] img")).to_have_count(2)
    expect(again.get_by_role("textbox", name="Caption in this story, picture 2")).to_have_value(
        "The first ferry to leave since the strike."
    )


def test_the_desk_says_which_picture_of_a_gallery_is_gone(desk):  # noqa: F811
    from articles.tests.factories import draft
    from media.galleries import gallery_block

    kept, gone = ImageFactory(alt_text="Kept picture"), ImageFactory(alt_text="Gone picture")
    article = draft(body=gallery_block([(kept.pk, ""), (gone.pk, "")]))
    gone_pk = gone.pk
    gone.delete()

    page = desk.open(article)

    block = page.locator("[data-gallery-block]")
    expect(block.get_by_role("alert")).to_contain_text(
        f"Picture #{gone_pk} is no longer in the image library"
    )
    expect(block.locator("img")).to_have_count(1)


def test_a_swipe_in_the_full_screen_view_steps_to_the_next_picture(reader):
    page = reader.open(NIKOPOL_URL, width=390, height=844)
    page.locator(".gallery__open").first.click()
    frame = page.locator(".gallery-viewer__frame")
    expect(page.locator(".gallery-viewer__count")).to_have_text("Picture 1 of 5")

    frame.dispatch_event("pointerdown", {"pointerType": "touch", "clientX": 320, "bubbles": True})
    frame.dispatch_event("pointerup", {"pointerType": "touch", "clientX": 80, "bubbles": True})

    expect(page.locator(".gallery-viewer__count")).to_have_text("Picture 2 of 5")
    frame.dispatch_event("pointerdown", {"pointerType": "touch", "clientX": 80, "bubbles": True})
    frame.dispatch_event("pointerup", {"pointerType": "touch", "clientX": 320, "bubbles": True})
    expect(page.locator(".gallery-viewer__count")).to_have_text("Picture 1 of 5")
