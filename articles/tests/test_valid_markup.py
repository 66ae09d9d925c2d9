"""Every kind of public page is valid HTML for the Nu HTML Checker (vnu), the W3C's validator.

The checker is a Java program from npm (``vnu-jar``, installed by ``make js-deps``). Where Java or
the jar is missing the test skips, unless ``NEWSROOM_REQUIRE_BROWSER=1`` (CI) makes it fail. All
pages go through one run of the checker: a JVM start costs seconds.
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article, Correction
from articles.publishing import unpublish_article

# The HTML is the same whatever the database: the PostgreSQL pass leaves it out.
pytestmark = [pytest.mark.markup, pytest.mark.database_neutral]

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def checker_missing(reason):
    if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (NEWSROOM_REQUIRE_BROWSER=1 makes the markup check mandatory)")
    pytest.skip(reason)


@pytest.fixture
def vnu():
    java = shutil.which("java")
    if java is None:
        checker_missing("java not found (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        checker_missing(f"the Nu HTML Checker not found at {VNU_JAR} (run `make js-deps`)")
    return [java, "-jar", str(VNU_JAR)]


@pytest.fixture
def newsroom(db, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    call_command("load_demo", "--articles", "25", "--no-logins", stdout=io.StringIO())
    seed = Article.objects.get(headline__startswith="North Korea sends nearly 15,000")
    Correction.objects.create(article=seed, text="An earlier version misspelled a name.")
    withdrawn = Article.objects.published().exclude(pk=seed.pk).latest("published_at")
    unpublish_article(article=withdrawn, editor=editor)
    return {"seed": seed, "withdrawn": withdrawn}


def public_pages(client, newsroom):
    """Path and expected status of one page of each kind readers can reach."""
    seed = newsroom["seed"]
    uk_seed = Article.objects.get(translation_key=seed.translation_key, language="uk")
    front = client.get("/")
    tag = seed.tags.order_by("name").first()
    live = Article.objects.published().filter(live_started_at__isnull=False).first()
    assert live is not None and live.is_live, "the demo should cover a story live"
    return {
        "front": ("/", 200),
        "front, next page": (f"/?before={front.context['page'].next_cursor}", 200),
        "article": (seed.get_absolute_url(), 200),
        "live coverage": (live.get_absolute_url(), 200),
        "section": (seed.section.get_absolute_url(), 200),
        "tag": (f"/tags/{tag.slug}/", 200),
        "author": (seed.byline[0].get_absolute_url(), 200),
        "search": ("/search/", 200),
        "search results": ("/search/?q=Russia", 200),
        "search, nothing found": ("/search/?q=xylophonequartet", 200),
        "corrections": ("/corrections/", 200),
        "bad request": ("/?before=damaged", 400),
        "not found": ("/news/no-such-story/", 404),
        "withdrawn": (newsroom["withdrawn"].get_absolute_url(), 410),
        "front, Ukrainian edition": ("/uk/", 200),
        "article, Ukrainian edition": (uk_seed.get_absolute_url(), 200),
        "search results, Ukrainian edition": ("/uk/search/?q=Росія", 200),
        "not found, Ukrainian edition": ("/uk/news/no-such-story/", 404),
    }


def test_every_public_page_is_valid_html(client, newsroom, vnu, tmp_path):
    files = {}
    for name, (path, status) in public_pages(client, newsroom).items():
        response = client.get(path)
        assert response.status_code == status, f"{name} ({path}) answered {response.status_code}"
        assert response["Content-Type"].startswith("text/html"), name
        page = tmp_path / f"{len(files):02d}.html"
        page.write_bytes(response.content)
        files[page.name] = f"{name} ({path})"

    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *(str(tmp_path / name) for name in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [
        f"{files.get(message.get('url', '').rpartition('/')[2], message.get('url'))}, "
        f"line {message.get('lastLine')}: "
        f"{message['message']}\n    {message.get('extract', '').strip()}"
        for message in report["messages"]
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
    assert result.returncode == 0, result.stderr
