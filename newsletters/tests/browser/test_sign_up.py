"""A reader subscribes from an article page and confirms, with and without JavaScript."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from articles.tests.factories import ArticleFactory
from newsletters.models import Subscription
from newsletters.tests.factories import NewsletterFactory
from newsletters.tests.tasks import run_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CONFIRM = re.compile(r"https://news\.example\.org(/newsletters/confirm/[^\s]+/)")


@pytest.fixture
def story(db):
    NewsletterFactory(name="The Daily Briefing", slug="the-daily-briefing")
    return ArticleFactory(headline="A story worth a newsletter")


def confirmation_path():
    run_tasks()
    [message] = mail.outbox
    return CONFIRM.search(message.body).group(1)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_reader_subscribes_from_an_article_and_confirms(browser, live_server, story, javascript):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(story.get_absolute_url())
    form = page.locator("section.signup")
    expect(form.get_by_role("checkbox", name=re.compile("The Daily Briefing"))).to_be_checked()
    form.get_by_label("Your email address").fill("reader@example.org")
    form.get_by_role("button", name="Subscribe").click()
    if javascript:
        # The answer replaces the form's status line; the reader stays on the story.
        expect(form.get_by_role("status")).to_contain_text("Check your inbox")
        assert page.url.endswith(story.get_absolute_url())
    else:
        expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    assert not Subscription.objects.exists()

    page.goto(confirmation_path())
    expect(page.get_by_role("heading", name="Confirm your subscription")).to_be_visible()
    assert not Subscription.objects.exists()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="You are subscribed")).to_be_visible()
    assert Subscription.objects.get().subscriber.address == "reader@example.org"
    context.close()


def test_a_mistyped_address_is_pointed_out_in_place(browser, live_server, story):
    page = browser.new_context(base_url=live_server.url).new_page()
    page.goto(story.get_absolute_url())
    form = page.locator("section.signup")
    form.get_by_label("Your email address").fill("reader@example")
    form.get_by_role("button", name="Subscribe").click()
    expect(form.get_by_role("alert")).to_contain_text("Enter an email address")
    expect(form.get_by_label("Your email address")).to_have_attribute("aria-invalid", "true")
    assert not mail.outbox


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_newsletter_pages_have_no_serious_accessibility_violations(
    browser, live_server, story, axe_script, color_scheme
):
    from tools.testing.browser import axe_violations, describe_violations

    context = browser.new_context(base_url=live_server.url, color_scheme=color_scheme)
    page = context.new_page()
    for path in ("/newsletters/", story.get_absolute_url()):
        page.goto(path)
        violations = axe_violations(page, axe_script)
        assert not violations, f"{path} ({color_scheme}):\n" + describe_violations(violations)
    context.close()
