"""The demo's newsletters (load_demo): The Daily Briefing and Breaking News, a few confirmed
readers with their consent on record, and one edition of the briefing already sent, its
deliveries recorded as the worker would have left them. The demo sends no mail. The words are
in ``data/newsletters.json``.

Loading again leaves them as they are: newsletters and readers are found by slug and address,
and the sent edition is made only when the briefing has none.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from demo import datafiles
from newsletters.models import (
    Delivery,
    Edition,
    EditionStory,
    Newsletter,
    SignUp,
    Subscriber,
    Subscription,
)
from newsletters.subscriptions import consent_text
from website.editions import edition_languages


@dataclass(frozen=True)
class NewsletterSpec:
    slug: str
    name: str
    kind: str
    description: str
    # The edition it is written for; empty: the default edition's.
    language: str = ""

    def __post_init__(self):
        if self.kind not in Newsletter.Kind.values:
            raise ValueError(f"no kind {self.kind!r}; there are {Newsletter.Kind.values}")


@dataclass(frozen=True)
class EditionSpec:
    newsletter: str
    subject: str
    intro: tuple[str, ...]


@dataclass(frozen=True)
class NewslettersSpec:
    sender_address: str
    newsletters: tuple[NewsletterSpec, ...]
    # Address → the newsletters the reader signed up for, oldest sign-up first.
    readers: dict[str, tuple[str, ...]]
    sent_edition: EditionSpec

    def __post_init__(self):
        slugs = {newsletter.slug for newsletter in self.newsletters}
        named = {slug for chosen in self.readers.values() for slug in chosen}
        if unknown := (named | {self.sent_edition.newsletter}) - slugs:
            raise ValueError(f"no newsletter {', '.join(sorted(unknown))}")


DATA = datafiles.read("newsletters.json", NewslettersSpec)


def add_demo_newsletters(*, seed_article, stories, users):
    newsletters = {}
    languages = {"", *edition_languages()}
    for position, spec in enumerate(DATA.newsletters, start=1):
        if spec.language not in languages:
            continue
        newsletters[spec.slug], _ = Newsletter.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "description": spec.description,
                "language": spec.language,
                "position": position,
                "sender_name": settings.SITE_NAME,
                "sender_address": DATA.sender_address,
                "reply_to": "",
            },
        )
    started = timezone.now() - datetime.timedelta(days=3)
    for position, (address, slugs) in enumerate(DATA.readers.items()):
        subscriber = Subscriber.objects.filter(address_key=address).first()
        if subscriber is None:
            chosen = [newsletters[slug] for slug in slugs]
            joined = started - datetime.timedelta(days=30 - position)
            subscriber = Subscriber.objects.create(address=address, confirmed_at=joined)
            request = SignUp.objects.create(
                subscriber=subscriber,
                newsletter_names=", ".join(n.name for n in chosen),
                consent_text=consent_text(),
                page=seed_article.get_absolute_url(),
                confirmed_at=joined,
            )
            request.newsletters.set(chosen)
            for newsletter in chosen:
                Subscription.objects.create(
                    subscriber=subscriber,
                    newsletter=newsletter,
                    status=Subscription.Status.SUBSCRIBED,
                    subscribed_via=Subscription.Via.SIGN_UP,
                    subscribed_at=joined,
                )
    briefing = newsletters[DATA.sent_edition.newsletter]
    add_sent_edition(briefing, DATA.sent_edition, seed_article, stories, users, started)


def add_sent_edition(briefing, spec, seed_article, stories, users, started):
    if briefing.editions.filter(status=Edition.Status.SENT).exists():
        return
    visible = [story for story in [seed_article, *stories] if story.is_published()]
    carried = list(dict.fromkeys(visible))[:4]
    finished = started + datetime.timedelta(minutes=2)
    edition = Edition.objects.create(
        newsletter=briefing,
        subject=spec.subject,
        intro="\n\n".join(spec.intro),
        status=Edition.Status.SENT,
        created_by=users.get("editor"),
        sent_by=users.get("editor"),
        queued_at=started,
        started_at=started,
        finished_at=finished,
    )
    EditionStory.objects.bulk_create(
        EditionStory(edition=edition, article=story, position=position)
        for position, story in enumerate(carried)
    )
    recipients = Subscriber.objects.filter(
        subscriptions__newsletter=briefing,
        subscriptions__status=Subscription.Status.SUBSCRIBED,
    )
    Delivery.objects.bulk_create(
        Delivery(
            edition=edition,
            subscriber=reader,
            status=Delivery.Status.SENT,
            attempts=1,
            sent_at=finished,
        )
        for reader in recipients
    )
    edition.recipient_count = len(recipients)
    edition.save(update_fields=["recipient_count"])
