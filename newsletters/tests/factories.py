import factory
from django.utils import timezone

from newsletters.models import Newsletter, Subscriber, Subscription


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Briefing {n}")
    slug = factory.Sequence(lambda n: f"briefing-{n}")
    kind = Newsletter.Kind.DIGEST
    description = "The day's news every morning."
    sender_name = "The Newsroom"
    sender_address = "briefing@news.example.org"


def alerts_newsletter(**kwargs):
    return NewsletterFactory(
        name="Breaking News", slug="breaking-news", kind=Newsletter.Kind.ALERTS, **kwargs
    )


def reader(address, *newsletters, status=Subscription.Status.SUBSCRIBED):
    """A confirmed reader of ``newsletters``."""
    subscriber = Subscriber.objects.create(address=address, confirmed_at=timezone.now())
    for newsletter in newsletters:
        Subscription.objects.create(
            subscriber=subscriber,
            newsletter=newsletter,
            status=status,
            subscribed_via=Subscription.Via.SIGN_UP,
            subscribed_at=timezone.now(),
        )
    return subscriber
