"""website sits below every content app: it imports none of them, so each of them may use it."""

import ast
from pathlib import Path

import pytest

WEBSITE = Path(__file__).resolve().parents[1]
CONTENT_APPS = {"articles", "authors", "media", "frontpage", "live", "newsletters"}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize(
    "path",
    [path for path in WEBSITE.rglob("*.py") if "tests" not in path.relative_to(WEBSITE).parts],
    ids=lambda path: str(path.relative_to(WEBSITE)),
)
def test_website_imports_no_content_app(path):
    content = [name for name in imported_modules(path) if name.split(".")[0] in CONTENT_APPS]
    assert content == [], f"{path.name} imports {content}"
