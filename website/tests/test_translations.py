"""The reader site's words in Ukrainian: a complete catalogue, and pages that read as Ukrainian.

Pages are asked for at their Ukrainian edition's addresses (/uk/...): the address alone sets the
language (website.editions).
"""

import datetime
import gettext
import json
import re
import shutil
import subprocess
from contextlib import chdir
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import timezone, translation

from articles import publishing
from articles.list_pages import PAGE_SIZE
from articles.templatetags.cards import article_card
from articles.tests.factories import ArticleFactory
from articles.times import news_date, news_time
from authors.tests.factories import AuthorFactory
from newsletters.tests.factories import NewsletterFactory
from tools.testing import skip_or_fail

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUE = BASE_DIR / "locale" / "uk" / "LC_MESSAGES" / "django.po"
# Every language with a catalogue is held to the same: complete, and compiled as committed.
CATALOGUES = sorted((BASE_DIR / "locale").glob("*/LC_MESSAGES/django.po"))
by_language = pytest.mark.parametrize(
    "catalogue", CATALOGUES, ids=lambda path: path.parent.parent.name
)
# The same folders `make messages` leaves out (the Makefile's MESSAGES_IGNORE): the desk stays
# English, and tests, tools and vendored files have no reader words.
IGNORED = [".venv", "node_modules", "static", "staticfiles", "var", "templates/admin", "desk"]
IGNORED += ["tools", "demo", "deploy", "*/tests"]
# Not copied for makemessages: the catalogue itself, and what is not source.
SKIPPED = {"locale", "node_modules", "static", "staticfiles", "var", "docs"}
# English words of the reader pages that must not be left on a Ukrainian page.
ENGLISH_UI = ["Show more", "min read", "Read more", "Skip to content", "Search the news"]
NOW = datetime.datetime(2025, 5, 5, 9, 0, tzinfo=datetime.UTC)


def reader_text(page):
    """The page without its scripts and styles: their comments may quote English words."""
    return re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S)


def entries(po_text):
    """Each entry of a .po file as (context, msgid, plural, [msgstr...], flags, obsolete)."""
    found = []
    for block in po_text.strip().split("\n\n"):
        lines = block.splitlines()
        flags = {f.strip() for line in lines if line.startswith("#,") for f in line[2:].split(",")}
        obsolete = any(line.startswith("#~") for line in lines)
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            else:
                fields[current] += line.strip()[1:-1]
        if not fields or fields.get("msgid") == "" and "msgctxt" not in fields:
            continue
        strings = [value for key, value in sorted(fields.items()) if key.startswith("msgstr")]
        found.append(
            (
                fields.get("msgctxt"),
                fields["msgid"],
                fields.get("msgid_plural"),
                strings,
                flags,
                obsolete,
            )
        )
    return found


def require_gettext():
    missing = [tool for tool in ("xgettext", "msgmerge", "msgfmt") if not shutil.which(tool)]
    if missing:
        skip_or_fail(
            f"GNU gettext is not installed ({', '.join(missing)}): apt-get install gettext"
        )


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogue makemessages makes today from the templates and code.

    Run in a copy of the project: makemessages writes into any locale/ folder above the files
    it reads, whatever LOCALE_PATHS says, so in the project itself it would rewrite the
    committed catalogue.
    """
    require_gettext()
    copy = tmp_path_factory.mktemp("project")
    for entry in BASE_DIR.iterdir():
        if entry.is_symlink() or entry.name.startswith(".") or entry.name in SKIPPED:
            continue
        if entry.is_dir():
            shutil.copytree(entry, copy / entry.name, ignore=shutil.ignore_patterns("*.pyc"))
    with override_settings(LOCALE_PATHS=[copy / "locale"]), chdir(copy):
        call_command(
            "makemessages", locale=["uk"], ignore_patterns=IGNORED, no_obsolete=True, verbosity=0
        )
    return entries((copy / "locale" / "uk" / "LC_MESSAGES" / "django.po").read_text("utf-8"))


def keys(found):
    return {(context, msgid, plural) for context, msgid, plural, *_ in found}


@by_language
def test_every_word_of_the_templates_and_code_is_in_the_committed_catalogue(extracted, catalogue):
    committed = entries(catalogue.read_text(encoding="utf-8"))
    missing = keys(extracted) - keys(committed)
    assert not missing, f"run `make messages` and translate: {sorted(missing, key=str)}"
    stale = keys(committed) - keys(extracted)
    assert not stale, f"run `make messages`: words no longer used: {sorted(stale, key=str)}"


def test_ukrainian_has_its_three_plural_forms():
    text = CATALOGUE.read_text(encoding="utf-8")
    assert "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && " in text


@by_language
def test_the_committed_catalogue_is_translated_whole(catalogue):
    text = catalogue.read_text(encoding="utf-8")
    forms = int(re.search(r"nplurals=(\d+)", text).group(1))
    found = entries(text)
    assert len(found) > 150
    untranslated = [msgid for _, msgid, _, strings, _, _ in found if not all(strings)]
    fuzzy = [msgid for _, msgid, _, _, flags, _ in found if "fuzzy" in flags]
    obsolete = [msgid for _, msgid, _, _, _, is_obsolete in found if is_obsolete]
    plurals = [msgid for _, msgid, plural, strings, *_ in found if plural and len(strings) != forms]
    assert (untranslated, fuzzy, obsolete, plurals) == ([], [], [], [])


@by_language
def test_the_committed_mo_is_the_po_compiled(tmp_path, catalogue):
    require_gettext()
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", fresh, catalogue], check=True)
    with catalogue.with_suffix(".mo").open("rb") as committed, fresh.open("rb") as compiled:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(compiled)._catalog
        )


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (1, "1 хвилина читання"),
        (2, "2 хвилини читання"),
        (5, "5 хвилин читання"),
        (11, "11 хвилин читання"),
        (21, "21 хвилина читання"),
        (24, "24 хвилини читання"),
    ],
)
def test_reading_time_takes_the_ukrainian_plural_form(db, client, minutes, words):
    body = "<p>" + "слово " * (238 * minutes) + "</p>"
    story = ArticleFactory(body=body, language="uk")
    assert story.reading_minutes == minutes

    page = client.get(story.get_absolute_url()).content.decode()

    assert f'<span class="article__reading-time">{words}</span>' in page


def test_an_article_page_reads_in_ukrainian(db, client):
    author = AuthorFactory(name="Олена Петренко")
    with time_machine.travel(NOW, tick=False):
        others = [
            ArticleFactory(headline=f"Інша історія {number}", language="uk") for number in range(4)
        ]
        story = ArticleFactory(
            headline="Головна історія",
            language="uk",
            authors=[author],
            related=others,
            published_at=datetime.datetime(2025, 5, 5, 6, 30, tzinfo=datetime.UTC),
        )
        page = client.get(story.get_absolute_url()).content.decode()

    assert '<html lang="uk">' in page
    assert "Перейти до змісту" in page
    assert "Текст: <a" in page
    # 06:30 UTC is 09:30 in Kyiv, written as a Ukrainian newsroom writes a date.
    assert ">5 травня 2025, 09:30</time>" in page
    assert "Читайте також" in page
    assert "Головна" in page and "Поділитися матеріалом" in page
    for word in ENGLISH_UI + ["Share this story", "By <a", "May 5"]:
        assert word not in reader_text(page), word


def test_the_same_article_page_in_english_is_unchanged(db, client):
    author = AuthorFactory(name="Jane Reporter")
    story = ArticleFactory(
        authors=[author], published_at=datetime.datetime(2025, 5, 5, 6, 30, tzinfo=datetime.UTC)
    )

    page = client.get(story.get_absolute_url()).content.decode()

    assert '<html lang="en">' in page
    assert '<span class="article__reading-time">1 min read</span>' in page
    assert ">May 5, 2025, 9:30 AM</time>" in page
    assert "By <a" in page and "Skip to content" in page


def test_the_front_page_reads_in_ukrainian(db, client):
    # More than the lead, the top stories and a page of the feed, so "Show more" is there.
    for number in range(PAGE_SIZE + 10):
        ArticleFactory(headline=f"Новина {number}", language="uk")

    page = client.get("/uk/").content.decode()

    assert "Стрічка новин" in page
    assert "Показати більше" in page
    assert "годину тому" in page or "години тому" in page or "годин тому" in page
    for word in ENGLISH_UI + ["News Feed", "hours ago", "hour ago"]:
        assert word not in reader_text(page), word


def test_search_and_its_messages_read_in_ukrainian(db, client):
    ArticleFactory(headline="Київ готується до зими", language="uk")

    empty = client.get("/uk/search/").content.decode()
    nothing = client.get("/uk/search/", {"q": "жирафи"}).content.decode()

    assert "Пошук серед опублікованих матеріалів" in empty
    assert "За запитом «жирафи» опублікованих матеріалів не знайдено" in nothing
    for page in (empty, nothing):
        assert "Search published stories" not in page and "No published stories" not in page


def test_the_404_and_410_pages_read_in_ukrainian(db, client, editor):
    story = ArticleFactory(headline="Матеріал, який зняли", language="uk")
    publishing.unpublish_article(article=story, editor=editor)

    missing = client.get("/uk/news/no-such-story/")
    withdrawn = client.get(story.get_absolute_url())

    assert missing.status_code == 404
    assert "Ми не можемо знайти цю сторінку" in missing.content.decode()
    assert "<title>Сторінку не знайдено — " in missing.content.decode()
    assert withdrawn.status_code == 410
    assert "Цей матеріал відкликано" in withdrawn.content.decode()
    assert "withdrawn" not in withdrawn.content.decode()


def test_the_newsletter_form_and_its_errors_read_in_ukrainian(db, client, settings):
    settings.NEWSROOM_MAIL_CONFIGURED = True
    settings.SITE_URL = "https://news.example.org"
    NewsletterFactory(name="Ранковий огляд", slug="ranok", language="uk")
    listing = client.get("/uk/newsletters/").content.decode()
    refused = client.post("/uk/newsletters/subscribe/", {"email": "not an address"})

    assert "Ваша електронна адреса" in listing and "Підписатися" in listing
    assert "Надсилайте мені позначені розсилки" in listing
    assert refused.status_code == 400
    refused_page = refused.content.decode()
    assert "Оберіть принаймні одну розсилку." in refused_page
    assert "Введіть адресу електронної пошти" in refused_page
    assert "Your email address" not in refused_page and "Choose at least" not in refused_page


@pytest.mark.parametrize(
    ("age", "words"),
    [
        (datetime.timedelta(seconds=20), "щойно"),
        (datetime.timedelta(minutes=1), "1 хвилину тому"),
        (datetime.timedelta(minutes=3), "3 хвилини тому"),
        (datetime.timedelta(minutes=12), "12 хвилин тому"),
        (datetime.timedelta(minutes=21), "21 хвилину тому"),
        (datetime.timedelta(hours=2), "2 години тому"),
        (datetime.timedelta(hours=5), "5 годин тому"),
        (datetime.timedelta(days=2), "3 травня 2025"),
    ],
)
def test_times_read_in_ukrainian(age, words):
    with time_machine.travel(NOW, tick=False), translation.override("uk"):
        assert news_time(NOW - age) == words


def test_dates_in_every_format_the_pages_use_read_in_ukrainian():
    moment = datetime.datetime(2025, 5, 5, 12, 5, tzinfo=datetime.UTC)
    with timezone.override("Europe/Kyiv"), translation.override("uk"):
        assert news_date(moment, "F j, Y, g:i A") == "5 травня 2025, 15:05"
        assert news_date(moment, "F j, Y") == "5 травня 2025"
        assert news_date(moment, "M j, g:i A") == "5 травня, 15:05"
    with timezone.override("Europe/Kyiv"), translation.override("en"):
        assert news_date(moment, "F j, Y, g:i A") == "May 5, 2025, 3:05 PM"


def test_a_card_reads_in_ukrainian(db):
    story = ArticleFactory(authors=[AuthorFactory(name="Ірина"), AuthorFactory(name="Тарас")])
    with translation.override("uk"):
        card = article_card(story)
    assert "Текст: <a" in card and "</a> і <a" in card


def test_the_scripts_get_their_words_from_the_page(db, client):
    story = ArticleFactory(language="uk")
    page = client.get(story.get_absolute_url()).content.decode()

    block = re.search(r'<script type="application/json" id="site-words">(.*?)</script>', page)
    words = json.loads(block.group(1))
    assert words["justNow"] == "щойно"
    assert words["minutesAgo"]["1"] == "{n} хвилину тому"
    assert words["minutesAgo"]["2"] == "{n} хвилини тому"
    assert words["minutesAgo"]["5"] == "{n} хвилин тому"
    assert words["months"][4] == "травня"
    assert words["date"] == "{day} {month} {year}"
    assert words["galleryCount"] == "Світлина {index} з {count}"

    english = {"site.js": ["min ago", "just now", "new updates", "Live coverage has ended"]}
    english["gallery.js"] = [">Close<", "Previous</", ">Next ", "Picture $"]
    for name, phrases in english.items():
        # The code, not its comments: those may quote what a reader sees.
        code = re.sub(r"^\s*//.*$", "", (BASE_DIR / "static" / "js" / name).read_text(), flags=re.M)
        assert [phrase for phrase in phrases if phrase in code] == [], name


def test_the_500_page_needs_no_request_to_read_in_ukrainian():
    with translation.override("uk"):
        page = render_to_string("500.html")
    assert '<html lang="uk">' in page and "Щось пішло не так на нашому боці" in page


def test_an_edition_email_is_written_in_its_newsletters_language(db):
    from newsletters.emails import render_edition
    from newsletters.models import Edition

    ukrainian = NewsletterFactory(name="Ранковий огляд", slug="ranok", language="uk")
    english = NewsletterFactory(name="Morning Briefing", slug="morning")
    story = ArticleFactory(authors=[AuthorFactory(name="Ірина")])
    sent = datetime.datetime(2025, 5, 5, 6, 0, tzinfo=datetime.UTC)
    rendered = {}
    for newsletter in (ukrainian, english):
        edition = Edition.objects.create(newsletter=newsletter, subject="Огляд", finished_at=sent)
        rendered[newsletter.slug] = render_edition(edition, stories=[story])

    # Rendered wherever (the worker has no reader's language), each in its own.
    assert "Читати цей випуск на сайті" in rendered["ranok"].html
    assert "Ранковий огляд · 5 травня 2025" in rendered["ranok"].text
    assert "Відписатися від розсилки «Ранковий огляд»" in rendered["ranok"].text
    assert "Текст: Ірина" in rendered["ranok"].text
    assert "Read this edition on the web" not in rendered["ranok"].html
    assert "Read this edition on the web" in rendered["morning"].html
    assert "By Ірина" in rendered["morning"].text
