"""The reader-experience budgets that need no browser (see also articles/tests/browser/)."""

from pathlib import Path

from django.conf import settings

STATIC_BUDGET_BYTES = 50 * 1000


def test_css_and_javascript_we_ship_stay_under_50_kb():
    static = Path(settings.BASE_DIR) / "static"
    files = sorted([*static.rglob("*.css"), *static.rglob("*.js")])
    sizes = {str(path.relative_to(static)): path.stat().st_size for path in files}
    assert sizes, "no CSS or JavaScript found under static/"
    total = sum(sizes.values())
    assert total < STATIC_BUDGET_BYTES, (
        f"{total:,} bytes of CSS and JavaScript, budget {STATIC_BUDGET_BYTES:,}: {sizes}"
    )
