"""The reader-experience budgets that need no browser (see also articles/tests/browser/)."""

from pathlib import Path

from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"
# What a reader's page carries: the site's stylesheet and script (inlined into every page).
READER_BUDGET_BYTES = 50 * 1000
READER_FOLDERS = ("css", "js")
# The desk's own files load only in the admin, but they are kept small too. 32 KB since the body
# editor's embed blocks (admin-desk/embed-blocks.js, 1.5 KB, and their two rules in desk.css).
DESK_BUDGET_BYTES = 32 * 1000
DESK_FOLDERS = ("admin-desk", "live")


def sizes_under(folders):
    files = sorted(
        path
        for folder in folders
        for path in (STATIC / folder).rglob("*")
        if path.suffix in {".css", ".js"}
    )
    return {str(path.relative_to(STATIC)): path.stat().st_size for path in files}


def test_every_stylesheet_and_script_is_counted_in_a_budget():
    counted = set(sizes_under(READER_FOLDERS + DESK_FOLDERS))
    shipped = {
        str(path.relative_to(STATIC))
        for path in STATIC.rglob("*")
        if path.suffix in {".css", ".js"}
    }
    assert shipped == counted


def test_css_and_javascript_readers_get_stay_under_50_kb():
    sizes = sizes_under(READER_FOLDERS)
    assert "css/site.css" in sizes and "js/site.js" in sizes
    total = sum(sizes.values())
    assert total < READER_BUDGET_BYTES, (
        f"{total:,} bytes of CSS and JavaScript, budget {READER_BUDGET_BYTES:,}: {sizes}"
    )


def test_the_desks_css_and_javascript_stay_under_30_kb():
    sizes = sizes_under(DESK_FOLDERS)
    total = sum(sizes.values())
    assert total < DESK_BUDGET_BYTES, (
        f"{total:,} bytes of desk CSS and JavaScript, budget {DESK_BUDGET_BYTES:,}: {sizes}"
    )
