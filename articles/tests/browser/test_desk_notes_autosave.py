"""The desk home with an unread note, and autosave of the article form, in a real browser."""

import re
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import OperationalError, connection
from django.urls import reverse
from playwright.sync_api import expect

from articles import notes
from articles.models import Article
from articles.tests.factories import draft, in_review
from articles.writing import write_article
from tools.testing import desk_user
from tools.testing.browser import sign_in_to_desk

# The live server needs committed rows; the rollback brings back the desk's groups, which a
# migration made and each test's flush removes.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The migration a new database makes the desk's groups in.
GROUPS = "articles.migrations.0001_squashed_0015_article_search_fts"
BODY_EDITOR = ".ProseMirror[contenteditable=true]"
# Autosave waits three seconds after typing stops; a loaded machine takes longer to answer.
SAVED_TIMEOUT_MS = 15_000
SHIPS = "<p>Ships are moving again.</p>"


def sign_in(browser, base_url, user, width=1280):
    user.set_password("a desk password")
    user.save()
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in_to_desk(page, user.username, "a desk password")
    return context, page, errors


def desk_groups():
    """The desk's groups as their migrations make them: a live-server test's flush removes them."""
    schema_editor = SimpleNamespace(connection=connection)
    # The migration marks each app's models module while it runs and clears it after, which
    # for the project's own registry would hide those apps from dumpdata: put them back.
    modules = {config.label: config.models_module for config in apps.get_app_configs()}
    try:
        import_module(GROUPS).create_groups(apps, schema_editor)
    finally:
        for config in apps.get_app_configs():
            config.models_module = modules[config.label]


@pytest.fixture
def people(transactional_db):
    if not Group.objects.filter(name="Journalists").exists():
        desk_groups()
    return desk_user("journalist", "Journalists"), desk_user("editor", "Editors")


@pytest.fixture
def signed_in(browser, live_server):
    opened = []

    def sign(user):
        context, page, errors = sign_in(browser, live_server.url, user)
        opened.append((context, errors))
        return page

    yield sign
    for context, errors in opened:
        # Closing a page sends what autosave has not kept yet; the test is over.
        context.route("**/autosave/", lambda route: route.abort())
        context.close()
        assert not errors, "script errors:\n" + "\n".join(errors)


def test_desk_home_shows_counts_and_the_unread_note_that_opens_the_story(people, signed_in):
    journalist, editor = people
    draft(headline="Harbour cranes", created_by=journalist)
    story = in_review(headline="Port reopens", created_by=journalist)
    notes.leave_note(article=story, user=editor, text="Who confirmed the reopening?")
    page = signed_in(journalist)

    unread = page.locator("#desk-home-notes").locator("xpath=..")
    expect(page.locator("#desk-home-notes .desk-home__count")).to_have_text("1")
    expect(page.locator("#desk-home-drafts .desk-home__count")).to_have_text("1")
    expect(page.locator("#desk-home-review .desk-home__count")).to_have_text("1")
    expect(unread).to_contain_text("Who confirmed the reopening?")

    unread.get_by_role("link", name="Port reopens").click()

    page.wait_for_url(re.compile(r".*/change/#desk-notes$"))
    thread = page.locator("#desk-notes")
    expect(thread).to_contain_text("editor")
    expect(thread).to_contain_text("Who confirmed the reopening?")
    expect(thread.locator(".desk-thread__note--unread")).to_have_count(1)
    thread.locator("#desk-note-text").fill("The harbour master, on the record.")
    thread.get_by_role("button", name="Send note").click()

    expect(page.locator(".messagelist")).to_contain_text("Note sent")
    expect(page.locator("#desk-notes")).to_contain_text("The harbour master, on the record.")
    page.goto(reverse("admin:index"))
    expect(page.locator("#desk-home-notes .desk-home__count")).to_have_text("0")


def test_autosave_keeps_typing_across_a_reload(people, signed_in):
    journalist, _ = people
    story = draft(headline="Port reopens", body=SHIPS, created_by=journalist)
    page = signed_in(journalist)
    page.goto(reverse("admin:articles_article_change", args=[story.pk]))
    status = page.locator("#desk-autosave")
    expect(status).to_contain_text("Autosave is on")

    page.locator(BODY_EDITOR).click()
    page.keyboard.press("End")
    page.keyboard.type(" Crews worked through the night.")

    expect(status).to_have_text(re.compile(r"^Saved \d\d:\d\d:\d\d$"), timeout=SAVED_TIMEOUT_MS)
    page.reload()
    expect(page.locator(BODY_EDITOR)).to_contain_text("Crews worked through the night.")
    assert "Crews worked through the night." in Article.objects.get(pk=story.pk).body
    # Saving for real after an autosave is no conflict: the form follows the version it made.
    page.locator("#id_headline").fill("Port reopens after the storm")
    page.locator("button[name=step][value=save]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Draft saved.")


def test_autosave_after_someone_elses_save_says_so_and_keeps_the_text(people, signed_in):
    journalist, editor = people
    story = draft(headline="Port reopens", body=SHIPS, created_by=journalist)
    page = signed_in(journalist)
    page.goto(reverse("admin:articles_article_change", args=[story.pk]))
    # The editor's save meanwhile, through the one writer every desk service uses.
    theirs = Article.objects.get(pk=story.pk)
    stored = Article.objects.get(pk=story.pk)
    theirs.body = "<p>The editor rewrote this.</p>"
    write_article(theirs, stored=stored)

    page.locator(BODY_EDITOR).click()
    page.keyboard.press("End")
    page.keyboard.type(" My own words.")

    status = page.locator("#desk-autosave")
    expect(status).to_contain_text("Not saved:", timeout=SAVED_TIMEOUT_MS)
    expect(status).to_contain_text("saved a newer version")
    expect(page.locator(BODY_EDITOR)).to_contain_text("My own words.")
    assert Article.objects.get(pk=story.pk).body == "<p>The editor rewrote this.</p>"


def test_closing_the_tab_right_after_typing_keeps_the_words(people, signed_in, requests_in_flight):
    journalist, _ = people
    story = draft(headline="Port reopens", body=SHIPS, created_by=journalist)
    page = signed_in(journalist)
    page.goto(reverse("admin:articles_article_change", args=[story.pk]))

    page.locator("#id_dek").fill("Closed before the pause was over.")
    page.close()

    assert wait_for_dek(story.pk, requests_in_flight) == "Closed before the pause was over."


def wait_for_dek(pk, requests_in_flight, *, seconds=10):
    """The story's teaser once the server thread's save lands, read again as each request the
    live server answers finishes.

    The live server shares the in-memory SQLite database with this thread, and SQLite's shared
    cache answers "table is locked" to a read made while that save is being written.
    """
    dek = None

    def kept():
        nonlocal dek
        try:
            dek = Article.objects.filter(pk=pk).values_list("dek", flat=True).get()
        except OperationalError:
            dek = None
        return dek == "Closed before the pause was over."

    requests_in_flight.wait_for(kept, timeout=seconds)
    return dek
