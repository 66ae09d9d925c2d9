"""Embeds in a real browser: a placeholder that loads nothing from the provider until clicked."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tools.testing.browser import axe_violations, describe_violations

pytestmark = pytest.mark.browser

ALLIES_URL = reverse(
    "articles:detail",
    args=["who-are-russias-allies-and-can-kremlins-war-machine-survive-without-them"],
)
FRAME_HOST = "https://www.youtube-nocookie.com"


def test_placeholders_load_nothing_until_the_reader_asks(reader):
    page = reader.open(ALLIES_URL, width=390)
    page.wait_for_load_state("networkidle")

    figures = page.locator("figure.embed")
    expect(figures).to_have_count(3)
    for label in ("YouTube", "Datawrapper", "Telegram"):
        expect(page.get_by_role("button", name=f"Load from {label}")).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)
    assert reader.requests_elsewhere() == []


def test_the_click_loads_the_providers_frame_and_keeps_focus_there(reader):
    page = reader.open(ALLIES_URL)
    frame_requests = []

    def provider(route):
        frame_requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Video</title><p>Video")

    page.context.route(f"{FRAME_HOST}/**", provider)
    page.get_by_role("button", name="Load from YouTube").click()

    frame = page.locator("figure.embed--video iframe")
    expect(frame).to_have_attribute("src", f"{FRAME_HOST}/embed/d3m0V1de0Ua")
    expect(frame).to_be_focused()
    expect(page.frame_locator("figure.embed--video iframe").locator("p")).to_have_text("Video")
    assert frame_requests == [f"{FRAME_HOST}/embed/d3m0V1de0Ua"]
    # The other embeds are still placeholders; the provider's was the one request elsewhere.
    expect(page.get_by_role("button", name="Load from Telegram")).to_be_visible()
    assert reader.requests_elsewhere() == frame_requests
    reader.requested_urls.remove(frame_requests[0])


def test_without_javascript_each_placeholder_is_a_link_to_the_original(reader):
    page = reader.open(ALLIES_URL, javascript=False)

    expect(page.get_by_role("button", name="Load from YouTube")).to_be_hidden()
    link = page.locator("figure.embed--video a.embed__original")
    expect(link).to_have_attribute("href", "https://www.youtube.com/watch?v=d3m0V1de0Ua")
    expect(link).to_be_visible()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_a_story_with_embeds_has_no_serious_accessibility_violations(
    reader, axe_script, color_scheme
):
    page = reader.open(ALLIES_URL, color_scheme=color_scheme)
    violations = axe_violations(page, axe_script)
    assert not violations, describe_violations(violations)
