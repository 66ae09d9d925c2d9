"""The demo's live blog: a day of updates from Nikopol around the seed stories (load_demo)."""

import datetime

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleAuthor
from demo.content import paragraphs_html
from live.models import LiveUpdate, LiveUpdateCorrection

SLUG = "russian-attacks-on-nikopol-live-updates"
HEADLINE = "Russian forces shell Nikopol from across the Dnipro River"
DEK = (
    "Russian forces across the Dnipro River have shelled Nikopol and nearby communities since "
    "dawn. Follow the Kyiv Independent’s updates from the city and the regional authorities."
)
BODY = (
    "Nikopol sits a few kilometers across the Dnipro River from the Russian-occupied "
    "Zaporizhzhia Nuclear Power Plant in Enerhodar, and is shelled almost every day. Our "
    "contributor Ignatius Ivlev-Yorke is with a mobile team of the State Emergency Service.",
    "This page is updated through the day; the newest update is at the top.",
)
# (minutes after the coverage started, key event?, title, paragraphs, byline profile keys)
UPDATES = [
    (
        0,
        True,
        "Russian forces open fire on Nikopol",
        (
            "Russian forces began shelling Nikopol, the head of Dnipropetrovsk Oblast said on "
            "Telegram. Artillery and first-person-view drones hit the city center "
            "and the riverside district.",
        ),
        ("the-kyiv-independent-news-desk",),
    ),
    (
        25,
        False,
        "",
        (
            "Air raid sirens sounded only after the first explosions, residents told the Kyiv "
            "Independent. At this distance from the Russian positions, shells reach the city "
            "within "
            "seconds.",
        ),
        ("ignatius-ivlev-yorke",),
    ),
    (
        50,
        False,
        "Rescuers put out a fire in a private house",
        (
            "The mobile team of the State Emergency Service put out a fire in a private house on "
            "the "
            "city’s eastern edge. Nobody was inside, the rescuers said. They wore helmets and body "
            "armor on the call: Russian drones sometimes return to the same place once emergency "
            "workers arrive.",
        ),
        ("ignatius-ivlev-yorke",),
    ),
    (
        95,
        False,
        "",
        (
            "A damaged gas pipe left part of the Pivdennyi district without gas. Utility workers "
            "are waiting for a pause in the shelling before they begin repairs.",
        ),
        ("the-kyiv-independent-news-desk",),
    ),
    (
        140,
        True,
        "Two people injured in a drone strike on a car",
        (
            "A 64-year-old man and a 59-year-old woman were injured when a drone hit their car on "
            "an "
            "empty street, regional authorities reported. Both were taken to hospital; their "
            "condition is said to be moderate.",
        ),
        ("the-kyiv-independent-news-desk", "kateryna-hodunova"),
    ),
    (
        185,
        False,
        "",
        (
            "Between calls the rescuers check their vehicles and rest in shifts, ready to leave "
            "again within a minute of the next alert. Their shifts run for 24 "
            "hours.",
        ),
        ("ignatius-ivlev-yorke",),
    ),
    (
        230,
        False,
        "Power restored to most of the city",
        (
            "Power engineers restored electricity to most of Nikopol after an earlier strike on a "
            "power line, the regional energy company said. About 1,200 households remain "
            "without power.",
        ),
        ("the-kyiv-independent-news-desk",),
    ),
    (
        290,
        False,
        "",
        (
            "Much of Nikopol’s pre-war population has left. Those who remain are mostly older "
            "residents, people caring for relatives, and workers at the city’s utilities and "
            "hospitals.",
        ),
        ("ignatius-ivlev-yorke",),
    ),
    (
        330,
        True,
        "IAEA says the Zaporizhzhia plant lost its backup power line",
        (
            "The International Atomic Energy Agency said the occupied Zaporizhzhia Nuclear Power "
            "Plant across the river briefly lost its only backup power line. The plant’s six "
            "reactors have been in cold shutdown since 2022.",
        ),
        ("kateryna-hodunova",),
    ),
    (
        380,
        False,
        "",
        (
            "Russia keeps drawing on its allies to sustain the war, from North Korean artillery "
            "shells and troops to Iranian-designed drones. Read our explainer on who they are and "
            "whether the Kremlin’s war machine can survive without them.",
        ),
        ("kateryna-hodunova",),
    ),
    (
        430,
        False,
        "Two more calls: a burning car and a damaged roof",
        (
            "Two more calls came in for the rescue team: a car set on fire by a drone and a "
            "roof torn open by a mortar round. No one was hurt in either attack.",
        ),
        ("ignatius-ivlev-yorke",),
    ),
    (
        480,
        False,
        "",
        (
            "Regional authorities say Russian forces attacked Nikopol and the surrounding "
            "communities 23 times over the past eight hours with artillery, drones and mortars.",
        ),
        ("the-kyiv-independent-news-desk",),
    ),
    (
        515,
        False,
        "",
        (
            "The shelling has eased, the rescuers say, but the team stays on call until the end of "
            "its shift. We will keep this page updated.",
        ),
        ("ignatius-ivlev-yorke",),
    ),
]
COVERAGE_HOURS = 9
RESCUE_TITLE = "Rescuers put out a fire in a private house"
CORRECTED_TITLE = "Two people injured in a drone strike on a car"
CORRECTION = "An earlier version of this update gave the woman’s age as 57. She is 59."
# Linked to the seed page's related story, as the desk would.
EXPLAINER = "Read our explainer"


def add_demo_live_blog(*, stories, authors, users):
    """One live story with a day of updates; loading again leaves it as it is."""
    nikopol = next(story for story in stories if story.slug.startswith("a-day-with-nikopol"))
    with transaction.atomic():
        article = Article.objects.filter(slug=SLUG).first()
        if article is None:
            started_at = timezone.now() - datetime.timedelta(hours=COVERAGE_HOURS)
            article = Article.objects.create(
                slug=SLUG,
                headline=HEADLINE,
                dek=DEK,
                body=paragraphs_html(BODY),
                section=nikopol.section,
                lead_image=nikopol.lead_image,
                status=Article.Status.PUBLISHED,
                published_at=started_at,
                live_started_at=started_at,
                created_by=users.get("editor"),
            )
            byline = [authors.get("the-kyiv-independent-news-desk")]
            byline.append(authors.get("ignatius-ivlev-yorke"))
            for position, author in enumerate(a for a in byline if a):
                ArticleAuthor.objects.create(article=article, author=author, position=position)
            article.tags.set(list(nikopol.tags.all()))
        if article.live_updates.exists():
            return
        allies = next((story for story in stories if "allies" in story.slug), None)
        for minutes, is_key_event, title, paragraphs, byline in UPDATES:
            body = paragraphs_html(paragraphs)
            if allies is not None and EXPLAINER in body:
                link = f'<a href="{allies.get_absolute_url()}">{EXPLAINER}</a>'
                body = body.replace(EXPLAINER, link)
            update = LiveUpdate.objects.create(
                article=article,
                title=title,
                body=body,
                is_key_event=is_key_event,
                status=LiveUpdate.Status.PUBLISHED,
                published_at=article.live_started_at + datetime.timedelta(minutes=minutes),
                created_by=users.get("journalist"),
            )
            update.authors.set([authors[key] for key in byline if key in authors])
            if title == RESCUE_TITLE:
                update.image = nikopol.lead_image
                update.save(update_fields=["image"])
            if title == CORRECTED_TITLE:
                LiveUpdateCorrection.objects.create(
                    update=update,
                    text=CORRECTION,
                    created_at=update.published_at + datetime.timedelta(minutes=40),
                )
