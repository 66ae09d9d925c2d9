"""Helpers for tests that drive the desk like a person would: open the form, press a button."""

from django.urls import reverse

from articles.tests.test_admin import article_form


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def open_form(client, article):
    """GET the article form; return the version it was opened on, as the browser will post it."""
    response = client.get(change_url(article))
    assert response.status_code == 200
    return response.context["adminform"].form["opened_version"].value()


def press(client, article, step="save", opened_version=None, **changes):
    """POST the form for ``article`` with ``changes``, as opened at ``opened_version``."""
    data = article_form(article, step=step, **changes)
    if opened_version is not None:
        data["opened_version"] = opened_version
    return client.post(change_url(article), data)
