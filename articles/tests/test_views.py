import copy
import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.tests.factories import (
    ArticleFactory,
    SectionFactory,
    draft,
    hidden_articles,
    in_review,
    scheduled,
)
from articles.writing import write_article
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

FEED_URL = reverse("frontpage:front")


def feed_headlines(response):
    """Every story a list shows, top to bottom: on the front, its lead and top stories first."""
    top = [response.context.get("lead"), *response.context.get("top_stories", [])]
    return [article.headline for article in [*top, *response.context["page"].items] if article]


class TestFeed:
    def test_shows_published_newest_first_and_hides_the_rest(self, client):
        older = ArticleFactory(
            headline="Older story", published_at=timezone.now() - datetime.timedelta(days=2)
        )
        newer = ArticleFactory(
            headline="Newer story", published_at=timezone.now() - datetime.timedelta(hours=1)
        )
        hidden_articles()

        response = client.get(FEED_URL)

        assert response.status_code == 200
        assert feed_headlines(response) == [newer.headline, older.headline]
        content = response.content.decode()
        assert "Newer story" in content
        for headline in ("Secret draft", "Pending review", "Scheduled scoop", "Embargoed report"):
            assert headline not in content

    def test_pages_of_twenty_continue_from_a_cursor(self, client):
        # The factory makes each older than the last; the five newest fill the front's top.
        articles = [ArticleFactory() for _ in range(50)]
        first = client.get(FEED_URL)
        assert len(first.context["page"].items) == 20
        assert 'rel="next"' in first.content.decode()

        second = client.get(FEED_URL, {"before": first.context["page"].next_cursor})
        third = client.get(FEED_URL, {"before": second.context["page"].next_cursor})

        seen = feed_headlines(first) + feed_headlines(second) + feed_headlines(third)
        assert seen == [article.headline for article in articles]
        assert third.context["page"].has_next is False
        assert 'rel="next"' not in third.content.decode()

    def test_story_published_between_clicks_neither_repeats_nor_shifts_the_list(self, client):
        for _ in range(30):  # five at the top of the front, twenty in its feed, five more
            ArticleFactory()
        first = client.get(FEED_URL)
        ArticleFactory(headline="Breaking news", published_at=timezone.now())

        second = client.get(FEED_URL, {"before": first.context["page"].next_cursor})

        assert set(feed_headlines(first)).isdisjoint(feed_headlines(second))
        assert len(feed_headlines(second)) == 5
        assert "Breaking news" not in feed_headlines(second)

    def test_articles_sharing_a_publish_time_are_all_listed_once(self, client):
        moment = timezone.now() - datetime.timedelta(hours=3)
        same_time = {ArticleFactory(published_at=moment).headline for _ in range(30)}
        first = client.get(FEED_URL)
        second = client.get(FEED_URL, {"before": first.context["page"].next_cursor})
        listed = feed_headlines(first) + feed_headlines(second)
        assert sorted(listed) == sorted(same_time)

    def test_fragment_sends_only_the_items(self, client):
        for _ in range(8):  # the five newest are the front's lead and top stories
            ArticleFactory()
        response = client.get(FEED_URL, {"fragment": "1"})
        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in content
        assert content.count('class="feed__item"') == 3

    @pytest.mark.parametrize(
        "cursor", ["nonsense", "12-", "-1-2-3", "9" * 30 + "-1", "9" * 18 + "-1"]
    )
    def test_damaged_cursor_is_a_bad_request(self, client, cursor):
        response = client.get(FEED_URL, {"before": cursor})
        assert response.status_code == 400
        assert "isn’t quite right" in response.content.decode()

    def test_cursor_past_the_end_says_so(self, client):
        response = client.get(FEED_URL, {"before": "0-1"})
        assert response.status_code == 200
        assert "no older stories" in response.content.decode()

    def test_scheduled_article_appears_once_its_time_passes(self, client):
        publish_at = timezone.now() + datetime.timedelta(hours=2)
        article = scheduled(headline="Scheduled story")
        article.published_at = publish_at
        article.save()

        assert "Scheduled story" not in client.get(FEED_URL).content.decode()
        assert client.get(article.get_absolute_url()).status_code == 404
        with time_machine.travel(publish_at + datetime.timedelta(seconds=1)):
            assert "Scheduled story" in client.get(FEED_URL).content.decode()
            assert client.get(article.get_absolute_url()).status_code == 200

    def test_query_count_stays_flat_as_content_grows(self, client, django_assert_num_queries):
        def grow(count):
            authors = [AuthorFactory() for _ in range(3)]
            image = ImageFactory()
            for _ in range(count):
                ArticleFactory(authors=authors, tags=["war", "energy", "economy"], lead_image=image)

        grow(5)
        client.get(FEED_URL)  # the first view makes and stores the image renditions
        # navigation sections, the banner, the placed stories, the page of articles, bylines
        # (cards show no tags; the image's row indexes its renditions)
        with django_assert_num_queries(5):
            client.get(FEED_URL)
        grow(40)
        client.get(FEED_URL)
        with django_assert_num_queries(5):
            response = client.get(FEED_URL)
        assert len(response.context["page"].items) == 20


class TestArticlePage:
    def test_shows_the_story_with_byline_lead_image_and_author_boxes(self, client):
        editor = AuthorFactory(
            name="Kateryna Hodunova", role="News Editor", bio="Covers breaking news."
        )
        contributor = AuthorFactory(name="Second Writer")
        image = ImageFactory(
            caption="Leaders meet in Pyongyang.", credit="Gavriil Grigorov / POOL / AFP"
        )
        article = ArticleFactory(
            headline="A headline",
            dek="The teaser.",
            authors=[editor, contributor],
            lead_image=image,
            tags=["North Korea"],
        )

        response = client.get(article.get_absolute_url())

        assert response.status_code == 200
        content = response.content.decode()
        assert '<h1 class="article__headline">A headline</h1>' in content
        assert "Leaders meet in Pyongyang. (Gavriil Grigorov / POOL / AFP)" in content
        assert "1 min read" in content
        assert content.index("Kateryna Hodunova") < content.index("Second Writer")
        assert "News Editor" in content and "Covers breaking news." in content
        assert content.count('class="author-box"') == 2
        assert f'href="{editor.get_absolute_url()}"' in content
        assert 'href="/tags/north-korea/"' in content

    def test_editor_pick_sits_inside_the_body_after_the_third_paragraph(self, client):
        pick = ArticleFactory(headline="Who are Russia’s allies?", dek="A web of sanctions.")
        body = "".join(f"<p>Paragraph {n}.</p>" for n in range(1, 7))
        article = ArticleFactory(body=body, related=[pick])

        content = client.get(article.get_absolute_url()).content.decode()

        box = content.index('class="inline-related"')
        assert content.index("Paragraph 3.") < box < content.index("Paragraph 4.")
        assert "A web of sanctions." in content
        assert 'id="related-heading"' not in content  # the only pick is not listed twice

    def test_share_links_are_plain_links_with_the_canonical_address(self, client):
        article = ArticleFactory(slug="a-story")
        content = client.get(article.get_absolute_url()).content.decode()
        encoded_url = "http%3A%2F%2Ftestserver%2Fnews%2Fa-story%2F"
        assert f"https://x.com/intent/post?url={encoded_url}" in content
        assert "mailto:?subject=" in content

    def test_caption_and_credit_can_be_overridden_for_one_article(self, client):
        image = ImageFactory(caption="Original caption.", credit="Original credit")
        article = ArticleFactory(
            lead_image=image,
            lead_image_caption="Cropped for this story.",
            lead_image_credit="Agency",
        )
        content = client.get(article.get_absolute_url()).content.decode()
        assert "Cropped for this story. (Agency)" in content
        image.refresh_from_db()
        assert image.caption == "Original caption."

    @pytest.mark.parametrize("make", [draft, in_review, scheduled])
    def test_unpublished_articles_answer_404(self, client, make):
        article = make(headline="Not for readers")
        response = client.get(article.get_absolute_url())
        assert response.status_code == 404
        assert "Not for readers" not in response.content.decode()
        assert "can’t find that page" in response.content.decode()

    def test_unknown_slug_answers_404(self, client):
        assert client.get(reverse("articles:detail", args=["no-such-story"])).status_code == 404

    def test_update_time_shown_only_after_a_change_following_publication(self, client):
        article = ArticleFactory()
        assert "Updated" not in client.get(article.get_absolute_url()).content.decode()
        article.refresh_from_db()
        stored = copy.copy(article)
        article.body += "<p>An added paragraph.</p>"
        write_article(article, stored=stored)
        assert "Updated" in client.get(article.get_absolute_url()).content.decode()

    def test_read_more_puts_editor_picks_first_and_never_links_hidden_articles(self, client):
        pick = ArticleFactory(headline="Editor pick")
        hidden_pick = draft(headline="Draft pick")
        ArticleFactory(headline="Shares two tags", tags=["war", "energy"])
        ArticleFactory(headline="Shares one tag", tags=["war"])
        ArticleFactory(headline="Shares nothing", tags=["sport"])
        hidden_articles(tags=["war", "energy"])
        article = ArticleFactory(tags=["war", "energy"], related=[pick, hidden_pick])

        response = client.get(article.get_absolute_url())

        read_more = response.context["read_more"]
        assert read_more.inline.headline == "Editor pick"
        assert [item.headline for item in read_more.listed] == ["Shares two tags", "Shares one tag"]
        content = response.content.decode()
        assert 'class="inline-related"' in content
        for headline in (
            "Draft pick",
            "Secret draft",
            "Pending review",
            "Scheduled scoop",
            "Embargoed report",
            "Shares nothing",
        ):
            assert headline not in content

    def test_query_count_stays_flat_as_authors_tags_and_archive_grow(
        self, client, django_assert_num_queries
    ):
        def article_with(authors, tags, archive):
            for _ in range(archive):
                ArticleFactory(tags=tags)
            picks = [ArticleFactory() for _ in range(2)]
            authors = [AuthorFactory(photo=ImageFactory()) for _ in range(authors)]
            return ArticleFactory(
                authors=authors, tags=tags, related=picks, lead_image=ImageFactory()
            )

        small = article_with(authors=1, tags=["a"], archive=2)
        large = article_with(authors=4, tags=[f"tag {n}" for n in range(8)], archive=30)
        # navigation, the banner, article, bylines with authors and their photos, tags,
        # corrections, picks with the tag ranking, related articles (each image's row indexes
        # its renditions), the newsletters offered under the story, its published translations
        # (for the switcher, hreflang and JSON-LD; none on a one-language site)
        for article in (small, large):
            client.get(article.get_absolute_url())  # makes and stores the image renditions
            with django_assert_num_queries(10):
                assert client.get(article.get_absolute_url()).status_code == 200


class TestSectionAndTagPages:
    def test_section_page_lists_only_its_published_articles(self, client):
        business = SectionFactory(name="Business", slug="business")
        ArticleFactory(headline="Markets rally", section=business)
        ArticleFactory(headline="Elsewhere")
        hidden_articles(section=business)

        response = client.get(business.get_absolute_url())

        assert response.status_code == 200
        assert feed_headlines(response) == ["Markets rally"]
        assert '<h1 class="page-title">Business</h1>' in response.content.decode()

    def test_tag_page_lists_only_published_articles_with_the_tag(self, client):
        ArticleFactory(headline="Tagged story", tags=["Energy"])
        ArticleFactory(headline="Untagged story")
        hidden_articles(tags=["Energy"])

        response = client.get(reverse("articles:tag", args=["energy"]))

        assert response.status_code == 200
        assert feed_headlines(response) == ["Tagged story"]

    def test_unknown_section_and_tag_answer_404(self, client):
        assert client.get(reverse("articles:section", args=["nope"])).status_code == 404
        assert client.get(reverse("articles:tag", args=["nope"])).status_code == 404

    @pytest.mark.parametrize("page", ["section", "tag"])
    def test_query_count_stays_flat_as_the_list_grows(
        self, client, django_assert_num_queries, page
    ):
        """As on the front page: a card's bylines and picture never cost a query per story."""
        business = SectionFactory(name="Business", slug="business")
        url = {
            "section": business.get_absolute_url(),
            "tag": reverse("articles:tag", args=["energy"]),
        }[page]

        def grow(count):
            authors = [AuthorFactory() for _ in range(3)]
            image = ImageFactory()
            for _ in range(count):
                ArticleFactory(
                    section=business,
                    authors=authors,
                    tags=["energy", "war", "economy"],
                    lead_image=image,
                )

        grow(5)
        client.get(url)  # the first view makes and stores the image renditions
        # the section or tag, the page of articles, bylines (with their authors), the navigation
        # sections, the banner (cards show no tags; the image's row indexes its renditions), and
        # whether the other edition lists it too (the switcher and hreflang lead there only then)
        with django_assert_num_queries(6):
            client.get(url)
        grow(40)
        client.get(url)
        next_page = client.get(url).context["page"]
        assert len(next_page.items) == 20 and next_page.has_next
        with django_assert_num_queries(6):
            response = client.get(url)
        assert len(response.context["page"].items) == 20
        with django_assert_num_queries(6):
            assert client.get(url, {"before": next_page.next_cursor}).status_code == 200


def test_server_error_shows_the_styled_500_page(monkeypatch):
    from django.test import Client

    def broken(article):
        raise RuntimeError("ranking service fell over")

    monkeypatch.setattr("articles.views.read_more", broken)
    article = ArticleFactory()
    response = Client(raise_request_exception=False).get(article.get_absolute_url())
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
