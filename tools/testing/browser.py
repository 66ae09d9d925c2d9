"""Browser tests' helpers: Debian's Chromium through Playwright, axe-core, a reader that fails
on script errors and requests to other hosts.

Chromium and axe-core live outside the virtualenv (``apt-get install chromium``, ``make js-deps``).
Where they are missing the tests skip, unless ``NEWSROOM_REQUIRE_BROWSER=1`` (CI) makes them fail.
The fixtures that use these are in the root conftest.py.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools.review.demo_site import CHROMIUM as review_chromium
from tools.review.demo_site import CHROMIUM_ARGS as CHROMIUM_ARGS  # for the conftest

BASE_DIR = Path(__file__).resolve().parents[2]
# The same Chromium, started the same way, as the screenshots and Lighthouse.
CHROMIUM = Path(review_chromium)
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def browser_missing(reason):
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (NEWSROOM_REQUIRE_BROWSER=1 makes browser tests mandatory)")
    pytest.skip(reason)


class Reader:
    """Opens pages in fresh browser contexts and notes what they request and what breaks."""

    def __init__(self, browser, base_url):
        self.browser = browser
        self.base_url = base_url
        self.contexts = []
        self.requested_urls = []
        self.script_errors = []

    def open(
        self, path, *, width=1280, height=900, color_scheme="light", javascript=True, clock=None
    ):
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: self.requested_urls.append(request.url))
        page.on("pageerror", lambda error: self.script_errors.append(f"{page.url}: {error}"))
        if clock is not None:
            page.clock.set_fixed_time(clock)
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        return page

    def requests_elsewhere(self):
        """Requested URLs on any host but ours (``data:`` and ``blob:`` URLs stay local)."""
        our_host = urlsplit(self.base_url).netloc
        return [
            url
            for url in self.requested_urls
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != our_host
        ]

    def close(self):
        for context in self.contexts:
            context.close()


def axe_violations(page, axe_script):
    # Evaluated through the DevTools protocol: a <script> tag added to the page would be
    # blocked by the page's Content-Security-Policy, as any script injected into it should be.
    page.evaluate(axe_script.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:300]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)


def sign_in_to_desk(page, username, password=None):
    """Signs ``page`` in at the desk's login form and waits for the desk home."""
    from django.urls import reverse

    from tools.testing import PASSWORD

    page.goto(reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password or PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{reverse('admin:index')}")
