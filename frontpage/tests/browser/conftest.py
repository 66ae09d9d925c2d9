# The reader pages' browser fixtures: Chromium, the demo newsroom, a reader that fails on errors.
from articles.tests.browser.conftest import (  # noqa: F401
    browser,
    demo,
    demo_fixture,
    demo_media_root,
    isolated_media_root,
    reader,
)
