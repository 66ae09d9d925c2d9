"""The demo's newsletters (load_demo): The Daily Briefing and Breaking News, a few confirmed
readers with their consent on record, and one edition of the briefing already sent, its
deliveries recorded as the worker would have left them. The demo sends no mail.

Loading again leaves them as they are: newsletters and readers are found by slug and address,
and the sent edition is made only when the briefing has none.
"""

import datetime

from django.conf import settings
from django.utils import timezone

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

SENDER = "newsletters@example.org"
NEWSLETTERS = [
    {
        "slug": "the-daily-briefing",
        "name": "The Daily Briefing",
        "kind": Newsletter.Kind.DIGEST,
        "description": "The day’s most important stories from Ukraine and the war, every "
        "weekday morning.",
        "position": 1,
    },
    {
        "slug": "breaking-news",
        "name": "Breaking News",
        "kind": Newsletter.Kind.ALERTS,
        "description": "A short email the moment a major story breaks. A few times a month.",
        "position": 2,
    },
]
READERS = [
    ("olena.k@example.org", ["the-daily-briefing", "breaking-news"]),
    ("m.bondar@example.net", ["the-daily-briefing"]),
    ("james.whitfield@example.com", ["the-daily-briefing"]),
    ("sofia.r@example.org", ["breaking-news"]),
    ("taras.h@example.com", ["the-daily-briefing", "breaking-news"]),
    ("anna.lindqvist@example.se", ["the-daily-briefing"]),
    ("k.nowak@example.pl", ["the-daily-briefing"]),
    ("d.moreau@example.fr", ["the-daily-briefing", "breaking-news"]),
]
INTRO = (
    "Good morning. Russia is leaning on its allies to keep its war going: North Korea has sent "
    "nearly 15,000 workers to cover Russia’s labor shortage, the Wall Street Journal reports.\n\n"
    "In Nikopol, across the Dnipro from the occupied nuclear plant, rescuers worked through "
    "another day of shelling."
)


def add_demo_newsletters(*, seed_article, stories, users):
    newsletters = {}
    for spec in NEWSLETTERS:
        newsletters[spec["slug"]], _ = Newsletter.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                **spec,
                "sender_name": settings.SITE_NAME,
                "sender_address": SENDER,
                "reply_to": "",
            },
        )
    started = timezone.now() - datetime.timedelta(days=3)
    readers = []
    for position, (address, slugs) in enumerate(READERS):
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
        readers.append(subscriber)
    add_sent_edition(newsletters["the-daily-briefing"], seed_article, stories, users, started)


def add_sent_edition(briefing, seed_article, stories, users, started):
    if briefing.editions.filter(status=Edition.Status.SENT).exists():
        return
    visible = [story for story in [seed_article, *stories] if story.is_published()]
    carried = list(dict.fromkeys(visible))[:4]
    finished = started + datetime.timedelta(minutes=2)
    edition = Edition.objects.create(
        newsletter=briefing,
        subject="The Daily Briefing: North Korea’s workers fill Russia’s labor gap",
        intro=INTRO,
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
