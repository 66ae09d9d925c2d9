"""Served code and tooling stay apart: no served module imports tools, nothing in the product
imports the demo, and no module reaches another by editing the import path."""

import ast
from pathlib import Path

import pytest

# Reads the source files: the PostgreSQL pass leaves it out.
pytestmark = pytest.mark.database_neutral

BASE_DIR = Path(__file__).resolve().parents[2]
SERVED_PACKAGES = [
    "newsroom",
    "website",
    "delivery",
    "media",
    "authors",
    "articles",
    "live",
    "frontpage",
    "newsletters",
    "desk",
    "embeds",
]
# The demo newsroom sits above every app it fills; only it and the tooling may import it.
DEMO = "demo"
NOT_OURS = {".venv", "node_modules", "var", "staticfiles", ".git"}


def project_modules():
    for path in sorted(BASE_DIR.rglob("*.py")):
        if not NOT_OURS & set(path.relative_to(BASE_DIR).parts):
            yield path


def served_modules():
    for path in project_modules():
        parts = path.relative_to(BASE_DIR).parts
        if parts[0] in SERVED_PACKAGES and "tests" not in parts:
            yield path


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def import_path_edits(tree):
    """``sys.path.insert(...)``, ``sys.path.append(...)``, ``sys.path = ...`` and the like."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "path":
            if isinstance(node.value, ast.Name) and node.value.id == "sys":
                yield node.lineno
        elif isinstance(node, ast.Attribute) and node.attr == "addsitedir":
            yield node.lineno


def label(path):
    return str(path.relative_to(BASE_DIR))


def test_the_served_packages_are_all_found():
    found = {path.relative_to(BASE_DIR).parts[0] for path in served_modules()}
    assert found == set(SERVED_PACKAGES)


def imports_of(paths, package):
    return {
        label(path): names
        for path in paths
        if (
            names := [
                name
                for name in imported_modules(ast.parse(path.read_text(encoding="utf-8")))
                if name.split(".")[0] == package
            ]
        )
    }


def test_served_code_imports_no_tooling():
    assert imports_of(served_modules(), "tools") == {}


def test_no_product_module_imports_the_demo():
    """Not the served code, nor the apps' tests: they load the demo with ``load_demo`` and look
    up what it wrote, as a reader finds it."""
    product = [
        path for path in project_modules() if path.relative_to(BASE_DIR).parts[0] in SERVED_PACKAGES
    ]
    assert product
    assert imports_of(product, DEMO) == {}


def test_the_demo_imports_nothing_of_the_tooling():
    demo = [path for path in project_modules() if path.relative_to(BASE_DIR).parts[0] == DEMO]
    assert demo
    assert imports_of(demo, "tools") == {}


def test_no_module_edits_the_import_path():
    edits = {
        label(path): lines
        for path in project_modules()
        if (lines := list(import_path_edits(ast.parse(path.read_text(encoding="utf-8")))))
    }
    assert edits == {}
