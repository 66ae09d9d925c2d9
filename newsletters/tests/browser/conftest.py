# Debian's Chromium through Playwright, as the reader pages' browser tests use it.
from articles.tests.browser.conftest import (
    axe_script,  # noqa: E402,F401
    browser,  # noqa: F401
)
