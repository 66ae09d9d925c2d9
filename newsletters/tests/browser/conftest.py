# Debian's Chromium through Playwright, as the reader pages' browser tests use it.
from articles.tests.browser.conftest import browser  # noqa: F401
