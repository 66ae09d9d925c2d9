import datetime

import pytest
from django.utils import timezone

from articles.models import Article, reading_minutes
from articles.tests.factories import ArticleFactory, draft, in_review, scheduled
from articles.writing import write_article

pytestmark = pytest.mark.django_db

HOSTILE_BODY = (
    '<p onclick="steal()">Hello <script>alert("x")</script>reader.</p>'
    '<img src="x.png" alt="" onerror="alert(1)">'
    '<a href="javascript:alert(1)">click</a>'
    '<a href="https://example.org/report">the report</a>'
)


class TestVisibility:
    def test_published_is_the_only_way_readers_see_articles(self):
        visible = ArticleFactory()
        draft()
        in_review()
        scheduled()
        assert list(Article.objects.published()) == [visible]

    def test_published_without_a_time_is_published_now(self):
        article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
        assert article.published_at is not None
        assert article.is_published() is True

    def test_scheduled_is_not_yet_published(self):
        article = scheduled()
        assert article.is_published() is False
        assert article.is_scheduled() is True


class TestReadingTime:
    @pytest.mark.parametrize(
        ("words", "minutes"), [(0, 1), (1, 1), (238, 1), (239, 2), (476, 2), (477, 3)]
    )
    def test_rounds_up_and_never_says_zero(self, words, minutes):
        assert reading_minutes(words) == minutes

    def test_is_derived_from_the_body_words_on_save(self):
        article = ArticleFactory(body="<p>" + "word " * 300 + "</p>")
        assert article.word_count == 300
        assert article.reading_minutes == 2


class TestSanitising:
    def test_scripts_handlers_and_javascript_links_are_removed_on_save(self):
        article = ArticleFactory(body=HOSTILE_BODY)
        article.refresh_from_db()
        assert "<script" not in article.body
        assert "onerror" not in article.body
        assert "onclick" not in article.body
        assert "javascript:" not in article.body
        assert '<a href="https://example.org/report" rel="noopener noreferrer">the report</a>' in (
            article.body
        )
        assert "Hello" in article.body and "reader." in article.body

    def test_page_shows_the_clean_body(self, client):
        article = ArticleFactory(body=HOSTILE_BODY)
        content = client.get(article.get_absolute_url()).content.decode()
        assert "alert(" not in content
        assert "onerror" not in content
        assert "javascript:" not in content


class TestRevisedAt:
    """``revised_at`` ("Updated") is the one writer's: it moves when a live story's words do."""

    def rewrite(self, article, **words):
        stored = Article.objects.get(pk=article.pk)
        for name, value in words.items():
            setattr(article, name, value)
        return write_article(article, stored=stored)

    def test_set_when_words_change_after_publication_only(self):
        article = self.rewrite(draft(), body="<p>Still drafting.</p>")
        assert article.revised_at is None

        article = Article.objects.get(pk=ArticleFactory().pk)
        article.section.name = "Renamed"  # not the article's words
        article = self.rewrite(article)
        assert article.revised_at is None

        article = self.rewrite(article, headline="A corrected headline")
        assert article.revised_at is not None
        assert article.revised_at >= article.published_at

    def test_not_set_for_a_scheduled_article_being_edited(self):
        article = self.rewrite(scheduled(), body="<p>Tweaked before it goes live.</p>")
        assert article.revised_at is None

    def test_publish_time_in_the_past_is_kept(self):
        moment = timezone.now() - datetime.timedelta(days=3)
        article = ArticleFactory(published_at=moment)
        assert article.published_at == moment


class TestOldSlugs:
    def test_changing_a_slug_keeps_the_old_one_for_the_article(self):
        article = ArticleFactory(slug="first-slug")
        article.refresh_from_db()
        article.slug = "second-slug"
        article.save()
        article.slug = "third-slug"
        article.save()
        assert sorted(article.old_slugs.values_list("slug", flat=True)) == [
            "first-slug",
            "second-slug",
        ]

    def test_returning_to_an_old_slug_retires_its_redirect(self):
        article = ArticleFactory(slug="first-slug")
        article.slug = "second-slug"
        article.save()
        article.slug = "first-slug"
        article.save()
        assert list(article.old_slugs.values_list("slug", flat=True)) == ["second-slug"]


class TestEmbargo:
    def test_embargoed_article_is_hidden_even_if_its_publish_time_passed(self):
        article = ArticleFactory(embargo_until=timezone.now() + datetime.timedelta(hours=1))
        assert article not in Article.objects.published()
        assert article.is_published() is False


class TestSplitBody:
    @pytest.mark.parametrize(
        ("paragraphs", "head_count"), [(1, 1), (2, 2), (3, 2), (4, 2), (5, 3), (11, 3)]
    )
    def test_cuts_after_the_second_or_third_paragraph(self, paragraphs, head_count):
        article = ArticleFactory(body="".join(f"<p>{n}</p>" for n in range(paragraphs)))
        head, tail = article.split_body()
        assert head.count("<p>") == head_count
        assert head + tail == article.body
