"""The reader pages in a real browser: "Show more", the lead image, phones, accessibility.

Run alone with ``pytest -m browser``; skip with ``pytest -m "not browser"``.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from articles.models import Article
from articles.tests.browser.pages import (
    AUTHOR_URL,
    FEED_URL,
    READER_PAGES,
    SEED_ARTICLE_URL,
    UK_SEED_ARTICLE_URL,
)
from frontpage.placing import POSITIONS
from tools.testing.browser import axe_violations, describe_violations

# Reads the demo's pages, which the view tests check on PostgreSQL: the PostgreSQL pass leaves
# it out.
pytestmark = [pytest.mark.browser, pytest.mark.database_neutral]

FEED_ITEMS = "[data-feed] > .feed__item"
# Pressed with Enter, as a keyboard reader does, rather than clicked: a click is a mouse down and
# up at a point, and on a loaded machine the cards above ("content-visibility: auto") could finish
# laying out between the two, so the button moved away and no click happened.
SHOW_MORE = "[data-show-more]"
PAGE_SIZE = 20
# The lead and the top stories sit above the feed, which never repeats them.
FRONT_TOP = len(POSITIONS)


def story_links(page):
    return page.locator(FEED_ITEMS).evaluate_all(
        "items => items.map(item => item.querySelector('h2 a').href)"
    )


def top_of_front(page):
    return page.locator(".front-top h2 a").evaluate_all("links => links.map(a => a.href)")


def cursor(url):
    return parse_qs(urlsplit(url).query).get("before", [""])[0]


def test_show_more_appends_the_next_page_in_place(reader):
    page = reader.open(FEED_URL)
    items = page.locator(FEED_ITEMS)
    first_page = story_links(page)
    assert first_page
    next_page = page.locator(SHOW_MORE).get_attribute("href")
    page.evaluate("window.stillTheSamePage = true")

    page.locator(SHOW_MORE).press("Enter")

    expect(items).to_have_count(len(first_page) + PAGE_SIZE)
    assert page.evaluate("window.stillTheSamePage") is True, "the page was reloaded"
    assert page.locator(SHOW_MORE).get_attribute("href") != next_page
    links = story_links(page)
    assert len(set(links)) == len(links)
    focused = page.evaluate("document.activeElement.tagName === 'A' && document.activeElement.href")
    assert focused == links[len(first_page)], "focus should move to the first new story"

    # A reload keeps what the reader had opened.
    page.reload()
    expect(items).to_have_count(len(links))
    assert story_links(page) == links


def story_at_top(page):
    """The headline link of the first story still in view, and how far its top is off the window."""
    return page.evaluate(
        """selector => {
            const item = [...document.querySelectorAll(selector)]
                .find(item => item.getBoundingClientRect().bottom > 0);
            return [item.querySelector("h2 a").href, Math.round(item.getBoundingClientRect().top)];
        }""",
        FEED_ITEMS,
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_back_after_show_more_returns_to_where_the_reader_was(reader, width):
    page = reader.open(FEED_URL, width=width, height=844)
    page.locator(SHOW_MORE).press("Enter")
    expect(page.locator(FEED_ITEMS)).to_have_count(2 * PAGE_SIZE)
    page.locator(SHOW_MORE).press("Enter")
    total = Article.objects.published().in_edition("en").count() - FRONT_TOP
    expect(page.locator(FEED_ITEMS)).to_have_count(total)
    # The reader scrolls down into the third page and opens a story there.
    story = page.locator(FEED_ITEMS).nth(total - 3)
    story.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    page.mouse.wheel(0, 120)
    # The page notes where the reader is in its history entry once the scrolling has stopped.
    page.wait_for_function(
        "before => window.scrollY !== before && history.state?.feedScroll === window.scrollY",
        arg=before,
    )
    where = story_at_top(page)
    page.evaluate("window.stillTheSamePage = true")
    story.locator("h2 a").click()
    page.wait_for_url(lambda url: urlsplit(url).path != FEED_URL)

    page.go_back()
    page.wait_for_url(lambda url: urlsplit(url).path == FEED_URL)

    assert page.evaluate("window.stillTheSamePage") is None, "the browser kept the page itself"
    expect(page.locator(FEED_ITEMS)).to_have_count(total)
    expect(page.locator(SHOW_MORE)).to_have_count(0)
    page.wait_for_function(
        """([selector, href]) => {
            const item = [...document.querySelectorAll(selector)]
                .find(item => item.getBoundingClientRect().bottom > 0);
            return item && item.querySelector("h2 a").href === href;
        }""",
        arg=[FEED_ITEMS, where[0]],
    )
    link, top = story_at_top(page)
    assert link == where[0]
    assert abs(top - where[1]) <= 4, f"the story moved from {where[1]} px to {top} px"


def test_a_phone_shows_several_stories_a_screen(reader):
    page = reader.open(FEED_URL, width=390, height=844)
    page.evaluate("document.fonts.ready")
    tops = page.locator("article.card").evaluate_all(
        "cards => cards.map(card => card.getBoundingClientRect().top)"
    )
    in_first_screen = [top for top in tops if top < 844]
    assert len(in_first_screen) >= 3, f"only {len(in_first_screen)} stories in the first screen"
    # Their pictures sit beside the headlines, small, not above them at full width.
    pictured = page.locator("[data-feed] article.card:has(img)").all()[:3]
    assert pictured
    for card in pictured:
        image = card.locator("img").bounding_box()
        headline = card.locator("h2").bounding_box()
        assert image["width"] < 390 / 2
        assert image["y"] < headline["y"] + headline["height"]


def test_the_header_is_one_row_on_a_phone_with_search_behind_a_link(reader):
    for javascript in (True, False):
        page = reader.open(FEED_URL, width=390, height=844, javascript=javascript)
        search = page.locator(".site-header").get_by_role("link", name="Search")
        expect(search).to_be_visible()
        expect(page.locator(".site-search")).to_be_hidden()
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= (60 if javascript else 110), header
    search.click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/search/")
    expect(page.get_by_label("Search published stories")).to_be_visible()


def test_the_typeface_comes_from_our_static_files(reader):
    page = reader.open(SEED_ARTICLE_URL)
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('700 2rem Newsreader')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert "Newsreader" in loaded
    headline_font = page.locator("h1").evaluate("h1 => getComputedStyle(h1).fontFamily")
    assert headline_font.startswith("Newsreader")
    fonts = [url for url in reader.requested_urls if url.endswith(".woff2")]
    assert fonts and all(urlsplit(url).path.startswith("/static/fonts/") for url in fonts)


def test_a_ukrainian_story_is_set_in_one_typeface(reader):
    """Newsreader has no Cyrillic: its Latin names and digits beside the fallback's Cyrillic made
    two typefaces in one line. The site's name keeps it."""
    page = reader.open(UK_SEED_ARTICLE_URL)
    page.evaluate("document.fonts.ready")

    def font(selector):
        return page.locator(selector).first.evaluate("node => getComputedStyle(node).fontFamily")

    for text in ("h1", ".article__body p"):
        assert not font(text).startswith("Newsreader"), (text, font(text))
        assert "Newsreader Georgia" in font(text)
    assert font(".site-name").startswith("Newsreader")


def test_relative_times_are_worked_out_again_in_the_browser(reader):
    """A page made hours ago (a cached one) still says how long ago each story came out."""
    import datetime

    import time_machine
    from django.utils import timezone

    from articles.times import news_time

    later = timezone.now() + datetime.timedelta(hours=3, minutes=10)
    page = reader.open(FEED_URL, clock=later)
    times = page.locator("main time[data-relative]")
    shown = times.evaluate_all("items => items.map(t => [t.dateTime, t.textContent])")
    assert any(text.endswith("hours ago") for _, text in shown), shown
    with time_machine.travel(later, tick=False):
        for datetime_attribute, text in shown:
            assert text == news_time(datetime.datetime.fromisoformat(datetime_attribute))


def test_show_more_disappears_at_the_end_of_the_list(reader):
    total = Article.objects.published().in_edition("en").count() - FRONT_TOP
    assert 2 * PAGE_SIZE < total < 3 * PAGE_SIZE, "the demo should fill two pages and a bit"
    page = reader.open(FEED_URL)
    items = page.locator(FEED_ITEMS)

    page.locator(SHOW_MORE).press("Enter")
    expect(items).to_have_count(2 * PAGE_SIZE)
    page.locator(SHOW_MORE).press("Enter")
    expect(items).to_have_count(total)

    expect(page.locator(SHOW_MORE)).to_have_count(0)
    assert len(set(story_links(page) + top_of_front(page))) == total + FRONT_TOP


def test_show_more_is_a_plain_link_without_javascript(reader):
    page = reader.open(FEED_URL, javascript=False)
    seen = top_of_front(page) + story_links(page)
    assert len(seen) == FRONT_TOP + PAGE_SIZE

    while page.locator(SHOW_MORE).count():
        next_page = page.locator(SHOW_MORE).get_attribute("href")
        page.locator(SHOW_MORE).press("Enter")
        page.wait_for_url(lambda url, next_page=next_page: cursor(url) == cursor(next_page))
        links = story_links(page)
        assert links, "a next page should never be empty"
        assert not set(links) & set(seen), "a story repeated on the next page"
        seen += links

    # Every story of the English edition, once, and none of the Ukrainian one.
    assert len(seen) == Article.objects.published().in_edition("en").count()


def test_article_shows_the_lead_image_with_caption_and_credit(reader):
    page = reader.open(SEED_ARTICLE_URL)
    lead = page.locator("figure.article__lead")
    image = lead.locator("picture img")

    expect(image).to_be_visible()
    image.evaluate("img => img.complete || new Promise(done => img.addEventListener('load', done))")
    assert image.evaluate("img => img.naturalWidth") > 0, "the lead image did not load"
    assert image.evaluate("img => img.currentSrc").endswith(".webp")
    expect(image).to_have_attribute("alt", re.compile(r"\S"))
    expect(lead.locator("figcaption")).to_have_text(
        re.compile(r"^\S.* \(Gavriil Grigorov / POOL / AFP\)$")
    )


CARD_BOXES = """cards => cards.map(card => {
    const box = card.getBoundingClientRect();
    const text = card.querySelector(".card__text").getBoundingClientRect();
    return {
        pictured: card.querySelector("img") !== null,
        top: Math.round(box.top),
        textTop: Math.round(text.top - box.top),
        textLeft: Math.round(text.left),
        textWidth: Math.round(text.width),
    };
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_cards_with_and_without_a_picture_line_up(reader, width):
    """A story without a picture sits level with its neighbours: same text column on a phone,
    its headline at the height of theirs in a desktop row."""
    mixed_rows = 0
    for path in (FEED_URL, AUTHOR_URL):
        page = reader.open(path, width=width)
        page.evaluate("document.fonts.ready")
        cards = page.locator("[data-feed] article.card").evaluate_all(CARD_BOXES)
        assert any(card["pictured"] for card in cards)
        if width == 390:
            assert len({(card["textLeft"], card["textWidth"]) for card in cards}) == 1, path
            continue
        rows = {}
        for card in cards:
            rows.setdefault(card["top"], []).append(card)
        for row in rows.values():
            assert len({card["textTop"] for card in row}) == 1, f"{path}: {row}"
            mixed_rows += len({card["pictured"] for card in row}) == 2
    # The demo has stories without a picture beside stories with one.
    assert width == 390 or mixed_rows


@pytest.mark.parametrize("path", READER_PAGES.values(), ids=READER_PAGES.keys())
def test_page_never_scrolls_sideways_on_a_phone(reader, path):
    page = reader.open(path, width=360, height=740)
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_sections_fold_behind_a_button_on_phones(reader):
    page = reader.open(FEED_URL, width=360, height=740)
    toggle = page.get_by_role("button", name="Sections")
    sections = page.locator("#site-nav-list")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(sections).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(sections.get_by_role("link").first).to_be_visible()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(sections).to_be_hidden()


def test_sections_stay_in_view_on_phones_without_javascript(reader):
    page = reader.open(FEED_URL, width=360, height=740, javascript=False)
    expect(page.get_by_role("button", name="Sections")).to_be_hidden()
    expect(page.locator("#site-nav-list").get_by_role("link").first).to_be_visible()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("path", READER_PAGES.values(), ids=READER_PAGES.keys())
def test_page_has_no_serious_accessibility_violations(reader, axe_script, path, color_scheme):
    page = reader.open(path, color_scheme=color_scheme)
    violations = axe_violations(page, axe_script)
    assert not violations, f"axe-core on {path} ({color_scheme}):\n" + describe_violations(
        violations
    )


def test_no_request_leaves_our_host(reader):
    for path in READER_PAGES.values():
        page = reader.open(path)
        # Lazy images below the fold would load only once the reader scrolls to them.
        page.locator("img[loading=lazy]").evaluate_all(
            "images => images.forEach(img => { img.loading = 'eager'; })"
        )
        page.wait_for_load_state("networkidle")
    page = reader.open(FEED_URL)
    page.locator(SHOW_MORE).press("Enter")
    expect(page.locator(FEED_ITEMS)).to_have_count(2 * PAGE_SIZE)
    page.wait_for_load_state("networkidle")

    assert any(url.endswith(".webp") for url in reader.requested_urls)
    assert not reader.requests_elsewhere(), "requests to other hosts:\n" + "\n".join(
        reader.requests_elsewhere()
    )
