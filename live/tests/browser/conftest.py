from articles.tests.browser.conftest import (  # noqa: F401
    axe_script,
    browser,
    demo,
    demo_fixture,
    demo_media_root,
    isolated_media_root,
    reader,
)
from delivery.tests.conftest import page_cache  # noqa: F401
