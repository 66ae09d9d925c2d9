"""Screenshots of the reader pages at 360 and 1280 px, light and dark (`make screenshots`).

Photographs the front page, the seed article, the live story and an author page of the demo site
served as by `make serve`, or of a running site given as BASE_URL=http://host:port, into
var/screenshots/.
"""

import os

from playwright.sync_api import sync_playwright

from tools.review.demo_site import (
    BASE_DIR,
    CHROMIUM,
    CHROMIUM_ARGS,
    demo_site,
    page_paths,
    site_env,
)

OUTPUT_DIR = BASE_DIR / "var" / "screenshots"
# A phone as most readers hold it, and a laptop.
VIEWPORTS = {
    360: {"viewport": {"width": 360, "height": 780}, "device_scale_factor": 2, "is_mobile": True},
    1280: {"viewport": {"width": 1280, "height": 900}},
}
COLOR_SCHEMES = ("light", "dark")
# Set through the CSSOM: the page's Content-Security-Policy refuses an added <style> element.
EVERYTHING_RENDERED = """() => document.querySelectorAll("*").forEach(
    (element) => element.style.setProperty("content-visibility", "visible", "important")
)"""


def photograph(base_url, paths):
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in paths.items():
            for width, device in VIEWPORTS.items():
                for color_scheme in COLOR_SCHEMES:
                    context = browser.new_context(**device, color_scheme=color_scheme)
                    page = context.new_page()
                    page.goto(base_url + path, wait_until="networkidle")
                    # A full-page picture shows the images below the fold too.
                    page.locator("img[loading=lazy]").evaluate_all(
                        "images => images.forEach(img => { img.loading = 'eager'; })"
                    )
                    # Stories far below the fold skip rendering until a reader scrolls near
                    # them (content-visibility), which a full-page picture never does.
                    page.evaluate(EVERYTHING_RENDERED)
                    page.wait_for_load_state("networkidle")
                    target = OUTPUT_DIR / f"{name}-{width}-{color_scheme}.png"
                    page.screenshot(path=target, full_page=True)
                    print(target.relative_to(BASE_DIR))
                    context.close()
        browser.close()


def main():
    base_url = os.environ.get("BASE_URL", "").rstrip("/")
    if base_url:
        photograph(base_url, page_paths(site_env()))
    else:
        with demo_site() as (base_url, paths):
            photograph(base_url, paths)


if __name__ == "__main__":
    main()
