"""The public newsletter pages: the sign-up form under every story (in a cached page, with no
per-reader token), the list of newsletters, each archive and edition on the web, cached like
every page and refreshed when an edition is sent or a story in it changes."""

import pytest
from django.urls import reverse

from articles.publishing import unpublish_article
from articles.tests.factories import ArticleFactory
from newsletters import sending
from newsletters.models import Edition, Subscription
from newsletters.tests.factories import NewsletterFactory, alerts_newsletter, reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def daily(db):
    return NewsletterFactory(name="The Daily Briefing", slug="the-daily-briefing")


def sent_edition(newsletter, editor, worker, *stories, subject="Monday briefing"):
    edition = Edition.objects.create(newsletter=newsletter, subject=subject, intro="Hello.")
    for position, story in enumerate(stories or [ArticleFactory()]):
        edition.placements.create(article=story, position=position)
    sending.send_now(edition=edition, editor=editor)
    worker()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    return edition


def test_every_article_ends_with_the_sign_up_form_in_a_cached_page(client, daily, page_cache):
    alerts_newsletter()
    story = ArticleFactory()
    first = client.get(story.get_absolute_url())
    page = first.content.decode()
    assert first.status_code == 200
    assert f'action="{reverse("newsletters:subscribe")}"' in page
    assert "The Daily Briefing" in page and "Breaking News" in page
    assert "csrfmiddlewaretoken" not in page
    assert "newsletters" in first["xkey"].split()
    assert client.get(story.get_absolute_url())["X-Cache"] == "hit"

    # A newsletter renamed reaches the cached page at once.
    daily.name = "The Morning Briefing"
    daily.save()
    assert "The Morning Briefing" in client.get(story.get_absolute_url()).content.decode()


def test_each_edition_offers_the_newsletters_written_in_its_language(client, daily):
    NewsletterFactory(name="Ранок", slug="ranok", language="uk")
    english = client.get(ArticleFactory().get_absolute_url()).content.decode()
    ukrainian_story = ArticleFactory(language="uk")
    ukrainian = client.get(ukrainian_story.get_absolute_url()).content.decode()
    ukrainian_index = client.get("/uk/newsletters/").content.decode()

    assert "The Daily Briefing" in english and "Ранок" not in english
    for page in (ukrainian, ukrainian_index):
        assert "Ранок" in page and "The Daily Briefing" not in page
    # Signing up from the Ukrainian form is for the Ukrainian newsletter only.
    refused = client.post(
        "/uk/newsletters/subscribe/", {"email": "reader@example.org", "newsletters": [daily.pk]}
    )
    assert refused.status_code == 400
    assert not Subscription.objects.exists()


def test_no_newsletter_no_form(client):
    page = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "signup-heading" not in page


def test_the_newsletters_page_lists_what_is_offered(client, daily):
    NewsletterFactory(name="Retired", slug="retired", is_offered=False)
    response = client.get(reverse("newsletters:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The Daily Briefing" in page and "Retired" not in page
    assert "signup-heading" in page


def test_the_archive_shows_an_edition_as_soon_as_it_is_sent(
    client, daily, editor, worker, page_cache, smtp
):
    reader("reader@example.org", daily)
    sent_edition(daily, editor, worker, subject="Monday briefing")
    draft_edition = Edition.objects.create(newsletter=daily, subject="Unsent draft")
    archive = daily.get_absolute_url()
    page = client.get(archive).content.decode()
    assert "Monday briefing" in page and "Unsent draft" not in page
    assert client.get(archive)["X-Cache"] == "hit"

    tuesday = sent_edition(daily, editor, worker, subject="Tuesday briefing")
    page = client.get(archive).content.decode()
    assert "Tuesday briefing" in page
    assert client.get(tuesday.get_absolute_url()).status_code == 200
    assert client.get(draft_edition.get_absolute_url()).status_code == 404


def test_an_edition_on_the_web_shows_only_what_readers_may_see(
    client, daily, editor, worker, page_cache, smtp
):
    kept = ArticleFactory(headline="Kept story")
    pulled = ArticleFactory(headline="Pulled story")
    edition = sent_edition(daily, editor, worker, kept, pulled)
    url = edition.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Kept story" in page and "Pulled story" in page and "Hello." in page
    assert client.get(url)["X-Cache"] == "hit"

    unpublish_article(article=pulled, editor=editor)
    page = client.get(url).content.decode()
    assert "Kept story" in page and "Pulled story" not in page
