# The browser fixtures the reader pages' tests define: Chromium and axe-core.
from articles.tests.browser.conftest import axe_script, browser  # noqa: F401
