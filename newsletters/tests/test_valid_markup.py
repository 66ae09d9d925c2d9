"""The newsletter pages are valid HTML for the Nu HTML Checker, as every public page is
(``articles/tests/test_valid_markup.py``, whose checker and fixtures this uses); so are the
emails' HTML parts."""

import json
import subprocess

import pytest
from django.urls import reverse

from articles.tests.factories import ArticleFactory
from articles.tests.test_valid_markup import vnu  # noqa: F401
from newsletters import tokens
from newsletters.emails import edition_message, render_edition
from newsletters.models import Edition, SignUp
from newsletters.tests.factories import NewsletterFactory, alerts_newsletter, reader

# The HTML is the same whatever the database: the PostgreSQL pass leaves it out.
pytestmark = [pytest.mark.markup, pytest.mark.django_db, pytest.mark.database_neutral]


def test_every_newsletter_page_and_the_email_is_valid_html(client, vnu, tmp_path):  # noqa: F811
    daily = NewsletterFactory(name="The Daily Briefing", slug="the-daily-briefing")
    alerts_newsletter()
    subscriber = reader("reader@example.org", daily)
    request = SignUp.objects.create(subscriber=subscriber, newsletter_names=daily.name)
    request.newsletters.set([daily])
    story = ArticleFactory()
    edition = Edition.objects.create(
        newsletter=daily, subject="Monday", intro="Hello.\n\nTwo lines.", status="sent"
    )
    edition.placements.create(article=story)
    edition.finished_at = edition.created_at
    edition.save()
    pages = {
        "newsletters": (reverse("newsletters:index"), 200),
        "archive": (daily.get_absolute_url(), 200),
        "edition": (edition.get_absolute_url(), 200),
        "article with the form": (story.get_absolute_url(), 200),
        "confirm": (
            reverse("newsletters:confirm", args=[tokens.confirmation_token(request)]),
            200,
        ),
        "preferences": (reverse("newsletters:manage", args=[tokens.manage_token(subscriber)]), 200),
        "unsubscribe": (
            reverse("newsletters:unsubscribe", args=[tokens.unsubscribe_token(subscriber, daily)]),
            200,
        ),
        "bad link": (reverse("newsletters:manage", args=["forged"]), 400),
    }
    files = {}
    for name, (path, status) in pages.items():
        response = client.get(path)
        assert response.status_code == status, f"{name}: {response.status_code}"
        files[name] = response.content
    sign_up = client.post(reverse("newsletters:subscribe"), {"email": "nope"})
    assert sign_up.status_code == 400
    files["sign-up refused"] = sign_up.content
    files["check your inbox"] = client.post(
        reverse("newsletters:subscribe"), {"email": "x@example.org", "newsletters": [daily.pk]}
    ).content
    message = edition_message(render_edition(edition), edition=edition, subscriber=subscriber)
    files["the email"] = message.alternatives[0][0].encode()

    names = {}
    for index, (name, content) in enumerate(files.items()):
        page = tmp_path / f"{index:02d}.html"
        page.write_bytes(content)
        names[page.name] = name
    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *(str(tmp_path / n) for n in names)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [
        f"{names.get(m.get('url', '').rpartition('/')[2])}, line {m.get('lastLine')}: "
        f"{m['message']}\n    {m.get('extract', '').strip()}"
        for m in report["messages"]
        # Outlook's own property, without which its Word engine shows the hidden preheader.
        if "“mso-hide”" not in m["message"]
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
