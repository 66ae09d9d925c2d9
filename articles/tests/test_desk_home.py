"""The desk home: what each person lands on at /admin/, with counts."""

import re

import pytest
from django.urls import reverse

from articles import publishing
from articles.tests.factories import ArticleFactory, draft, in_review, scheduled

pytestmark = pytest.mark.django_db

HOME_URL = reverse("admin:index")


def section(page, key):
    match = re.search(rf'aria-labelledby="desk-home-{key}">(.*?)</section>', page, flags=re.DOTALL)
    assert match, f"no {key} section"
    return match.group(1).replace("\xa0", " ")


def count(text):
    return int(re.search(r'desk-home__count">(\d+)<', text).group(1))


def test_a_journalist_lands_on_their_own_work(client, journalist):
    draft(headline="My draft", created_by=journalist)
    draft(headline="Someone else's draft")
    submitted = in_review(headline="My story in review", created_by=journalist)
    in_review(headline="Another story in review")
    client.force_login(journalist)

    page = client.get(HOME_URL).content.decode()

    drafts, review = section(page, "drafts"), section(page, "review")
    assert "My draft" in drafts and "Someone else" not in drafts and count(drafts) == 1
    assert "My stories in review" in review and count(review) == 1
    assert "Another story in review" not in review
    # Its form, one click away, offers the way back: "Pull back to draft".
    form_url = reverse("admin:articles_article_change", args=[submitted.pk])
    assert f'href="{form_url}"' in review
    assert 'value="pull_back"' in client.get(form_url).content.decode()


def test_an_editor_sees_review_schedule_published_and_corrections(client, editor):
    in_review(headline="Waiting one")
    in_review(headline="Waiting two")
    scheduled(in_hours=2, headline="Coming up")
    live = ArticleFactory(headline="Out already")
    publishing.add_correction(article=live, editor=editor, kind="correction", text="Fixed a name.")
    client.force_login(editor)

    page = client.get(HOME_URL).content.decode()

    assert count(section(page, "review")) == 2
    upcoming = section(page, "scheduled")
    assert "Coming up" in upcoming and "(in 2 hours)" in upcoming and count(upcoming) == 1
    assert "Out already" in section(page, "published")
    corrections = section(page, "corrections")
    assert "Fixed a name." in corrections and count(corrections) == 1


def edition_part(text, key, language):
    match = re.search(rf'id="desk-home-{key}-{language}">(.*?)(?=<h3|$)', text, flags=re.DOTALL)
    assert match, f"no {language} part in {key}"
    return match.group(1)


def test_each_editions_queue_on_its_own(client, editor):
    in_review(headline="Waiting in English")
    in_review(headline="Чекає редактора", language="uk")
    in_review(headline="Теж чекає", language="uk")
    scheduled(in_hours=3, headline="Виходить згодом", language="uk")
    client.force_login(editor)

    page = client.get(HOME_URL).content.decode()

    review = section(page, "review")
    assert count(review) == 3
    english, ukrainian = edition_part(review, "review", "en"), edition_part(review, "review", "uk")
    assert "English" in english and count(english) == 1 and "Waiting in English" in english
    assert "Ukrainian" in ukrainian and count(ukrainian) == 2
    assert "Чекає редактора" in ukrainian and "Waiting in English" not in ukrainian
    upcoming = section(page, "scheduled")
    assert "None in this edition." in edition_part(upcoming, "scheduled", "en")
    assert "Виходить згодом" in edition_part(upcoming, "scheduled", "uk")


def test_one_edition_shows_its_queues_as_before(client, editor, settings):
    settings.LANGUAGES = [("en", "English")]
    in_review(headline="Waiting one")
    client.force_login(editor)

    page = client.get(HOME_URL).content.decode()

    review = section(page, "review")
    assert "Waiting one" in review and count(review) == 1
    assert "desk-home__edition" not in page
