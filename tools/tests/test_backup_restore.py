"""`make backup` then `make restore` into an empty database: the same pages, the same uploads
and the same desk history (every django-reversion version), on SQLite and on PostgreSQL."""

import hashlib
import json
import subprocess
import sys

import pytest

from tools.site import BASE_DIR, load_demo, manage, site_env

DESK_USER = ("night-desk", "a-long-desk-password-for-tests")

# Desk history worth keeping: a story submitted, published and corrected through the workflow.
DESK_WORK = """
from django.contrib.auth.models import User
from articles import publishing
from articles.models import Article
editor = User.objects.create_superuser({username!r}, "desk@example.org", {password!r})
story = Article.objects.filter(status=Article.Status.DRAFT).order_by("pk").first()
publishing.submit_for_review(article=story, user=editor, note="Ready when you are.")
publishing.publish_article(article=story, editor=editor)
publishing.add_correction(
    article=story, editor=editor, kind="correction", text="An earlier version misspelt a name."
)
"""
# What a reader and the desk see, at one fixed moment so that "3 hours ago" reads the same.
SNAPSHOT = """
import datetime, hashlib, json, re
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from reversion.models import Version
from articles.models import Article
from authors.models import Author

def digest(response):
    body = re.sub(rb'csrfmiddlewaretoken" value="[^"]+"', b"", response.content)
    return [response.status_code, hashlib.sha256(body).hexdigest()]

with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC), tick=False):
    reader = Client(HTTP_HOST="localhost")
    desk = Client(HTTP_HOST="localhost")
    desk.force_login(User.objects.get(username={username!r}))
    paths = ["/", "/feeds/rss/", "/sitemap-articles.xml", "/corrections/"]
    published = Article.objects.published()
    paths += [article.get_absolute_url() for article in published.order_by("-updated_at")[:3]]
    paths += [author.get_absolute_url() for author in Author.objects.order_by("pk")[:2]]
    pages = {{path: digest(reader.get(path)) for path in paths}}
    history = {{
        f"/admin/articles/article/{{pk}}/history/": digest(
            desk.get(f"/admin/articles/article/{{pk}}/history/")
        )
        for pk in Article.objects.values_list("pk", flat=True)
    }}
versions = [
    [v.object_id, v.content_type.model, v.serialized_data, v.revision.comment,
     v.revision.user.username if v.revision.user else None, v.revision.date_created.isoformat()]
    for v in Version.objects.select_related("revision__user", "content_type").order_by("pk")
]
print(json.dumps({{"pages": pages, "history": history, "versions": versions}}))
"""


def snapshot(env):
    username = DESK_USER[0]
    result = manage(env, "shell", "-v0", "-c", SNAPSHOT.format(username=username))
    return json.loads(result.stdout)


def uploads(env):
    root = BASE_DIR / env["NEWSROOM_VAR_DIR"] / "uploads"
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def script(name, env, *args):
    return subprocess.run(
        [sys.executable, "-m", f"tools.ops.{name}", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def do_desk_work(env):
    """A desk login with every right (as ``load_demo``'s superuser) sends a story through the
    desk and corrects it."""
    username, password = DESK_USER
    manage(env, "shell", "-v0", "-c", DESK_WORK.format(username=username, password=password))


def assert_round_trip(source_env, target_env, archive):
    before = snapshot(source_env)
    # Renditions made by the snapshot's page views are uploads too.
    files_before = uploads(source_env)

    backed_up = script("backup", source_env, "--output", str(archive))
    assert backed_up.returncode == 0, backed_up.stderr
    restored = script("restore", target_env, str(archive))
    assert restored.returncode == 0, restored.stderr
    assert f"{len(files_before)} uploads" in restored.stdout

    assert uploads(target_env) == files_before
    after = snapshot(target_env)
    assert after["versions"] == before["versions"]
    assert after["history"] == before["history"]
    assert after["pages"] == before["pages"]
    # And what was compared is a real newsroom with a real history.
    assert len(before["pages"]) == 9
    assert all(status == 200 for status, _ in before["pages"].values())
    comments = {version[3] for version in before["versions"]}
    assert {"Submitted for review", "Published"} <= comments
    assert any(name.endswith((".jpg", ".png", ".webp")) for name in files_before)


@pytest.fixture(scope="module")
def sqlite_newsroom(tmp_path_factory, collected_static, site_copies):
    """A demo site on SQLite with desk history; the tests below only read it."""
    var_dir = tmp_path_factory.mktemp("newsroom")
    env = site_env(var_dir)
    site_copies.demo(var_dir)
    do_desk_work(env)
    return env


@pytest.mark.database_neutral  # a site of its own on SQLite
def test_sqlite_backup_restores_into_an_empty_site_with_the_same_pages_and_history(
    sqlite_newsroom, tmp_path
):
    source_env = sqlite_newsroom
    target_env = site_env(tmp_path / "restored")

    assert_round_trip(source_env, target_env, tmp_path / "backup.tar")


@pytest.mark.database_neutral  # a site of its own on SQLite
def test_restore_refuses_a_database_that_is_not_empty(sqlite_newsroom, tmp_path):
    source_env = sqlite_newsroom
    assert script("backup", source_env, "--output", str(tmp_path / "b.tar")).returncode == 0
    before = snapshot(source_env)

    refused = script("restore", source_env, str(tmp_path / "b.tar"))

    assert refused.returncode != 0
    assert "Not restored: the sqlite database" in refused.stderr
    assert "is not empty" in refused.stderr
    assert snapshot(source_env) == before


@pytest.mark.database_neutral  # a site of its own on SQLite
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.tar"
    subprocess.run(["tar", "-cf", str(bogus), "-C", str(tmp_path), "."], check=True)

    refused = script("restore", site_env(tmp_path / "empty"), str(bogus))

    assert refused.returncode != 0
    assert "not a newsroom backup" in refused.stderr


@pytest.mark.usefixtures("collected_static")
def test_postgresql_backup_restores_into_an_empty_database(postgres_cluster, tmp_path):
    source_env = site_env(tmp_path / "source", postgres_cluster.create_database("source"))
    load_demo(source_env, articles=2)
    do_desk_work(source_env)
    target_env = site_env(tmp_path / "target", postgres_cluster.create_database("restored"))

    assert_round_trip(source_env, target_env, tmp_path / "backup.tar")
