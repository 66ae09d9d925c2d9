import datetime
import itertools

import factory
from django.utils import timezone

from articles.models import Article, ArticleAuthor, RelatedArticle, Section
from articles.writing import write_article
from authors.tests.factories import AuthorFactory


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


_story_ages = itertools.count()


def restart_story_ages():
    global _story_ages
    _story_ages = itertools.count()


class ArticleFactory(factory.django.DjangoModelFactory):
    """A visible article by default; pass ``status``/``published_at`` for the other states.

    ``authors=[...]`` sets the byline in order and ``tags=[...]`` its tags.
    """

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"headline-number-{n}")
    dek = "What happened, in one sentence."
    body = "<p>The first paragraph of the story.</p><p>The second paragraph.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    # A minute older than the previous story of the same test: counted per test (the root
    # conftest restarts it), so a test's stories are as old whatever ran before it.
    published_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(hours=1, minutes=next(_story_ages))
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Written as the services write a new story, so a published one has its publish time
        # and the embargo floor, as every row the desk makes does.
        return write_article(model_class(*args, **kwargs))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for position, author in enumerate(extracted or []):
            ArticleAuthor.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def related(self, create, extracted, **kwargs):
        for position, other in enumerate(extracted or []):
            RelatedArticle.objects.create(from_article=self, to_article=other, position=position)


def with_a_writer(kwargs):
    """A story on its way to readers has someone in its byline (publishing.check_byline);
    ``authors=[]`` makes one with nobody named."""
    if "authors" not in kwargs:
        kwargs["authors"] = [AuthorFactory()]
    return kwargs


def draft(**kwargs):
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, **with_a_writer(kwargs))


def in_review(**kwargs):
    return ArticleFactory(
        status=Article.Status.IN_REVIEW, published_at=None, **with_a_writer(kwargs)
    )


def scheduled(in_hours=2, **kwargs):
    return ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(hours=in_hours),
        **with_a_writer(kwargs),
    )


def embargoed(**kwargs):
    """Published with a past publish time, but under an embargo that has not lifted yet.

    Written past ``save()``, which would move the publish time to the embargo's end, so that
    ``published()`` has to honour the embargo itself.
    """
    article = ArticleFactory(embargo_until=timezone.now() + datetime.timedelta(days=1), **kwargs)
    article.published_at = timezone.now() - datetime.timedelta(hours=1)
    Article.objects.filter(pk=article.pk).update(published_at=article.published_at)
    return article


def hidden_articles(**kwargs):
    """One article in each state readers must not see, all sharing ``kwargs`` (section, tags…)."""
    return [
        draft(headline="Secret draft", **kwargs),
        in_review(headline="Pending review", **kwargs),
        scheduled(headline="Scheduled scoop", **kwargs),
        embargoed(headline="Embargoed report", **kwargs),
    ]
