"""Filler stories that make the demo feed deep enough to page through, like a newsroom's week.

The stories come from a pool of distinct ones (``filler_stories.py``): each is told once before
any comes back, in an order shuffled anew for every round, so a feed, a tag page or a story's
"Read more" shows different stories, not one story with its numbers changed. Only an archive
larger than the pool tells a story again, with other places and numbers.

Story ``n`` comes from random generators seeded with ``n`` (and its round) alone. Its headline,
and so its slug, is the same however many stories are asked for and whenever the loader runs,
which is how a re-run finds it; only dates in its body follow its publish time.
"""

import datetime
import random
from dataclasses import dataclass

from django.utils.text import slugify

from demo.content import KYIV, NEWS_DESK, TAG_NAMES, paragraphs_html
from demo.filler_stories import BACKGROUND, SIGN_OFF, TEMPLATES


@dataclass(frozen=True)
class FillerStory:
    slug: str
    headline: str
    dek: str
    body: str
    section: str
    byline: tuple[str, ...]
    tags: tuple[str, ...]
    picture: str
    published_at: datetime.datetime


# Every story of the pool, with its section: the sections' share of the pool is their share
# of the feed (about four in ten stories are the News Feed's short items).
POOL = [(section, template) for section, templates in TEMPLATES.items() for template in templates]
SECTION_WRITERS = {
    "news-feed": (
        "kateryna-hodunova",
        NEWS_DESK.slug,
        "yulia-tkachenko",
        "olena-marchenko",
        "andrii-hnatiuk",
    ),
    "ukraine": ("olena-marchenko", "taras-bondarenko", "yulia-tkachenko", "oleh-rudenko"),
    "world": ("andrii-hnatiuk", "taras-bondarenko", "oleh-rudenko"),
    "business": ("iryna-kravets", "dmytro-savchuk"),
    "opinion": ("natalia-pavlenko", "marta-ostapenko"),
    "culture": ("sofia-lytvyn", "yulia-tkachenko"),
}
SHARE_WITH_COAUTHOR = 0.15
SHARE_WITH_PICTURE = 0.85
# A newsroom publishes a couple of dozen stories a day: a small demo spreads over four weeks, a
# large one over as many days as that pace needs.
FILLER_MIN_DAYS = 28
FILLER_PER_DAY = 20

CITIES = [
    ("Kharkiv", "Kharkiv Oblast"),
    ("Zaporizhzhia", "Zaporizhzhia Oblast"),
    ("Odesa", "Odesa Oblast"),
    ("Dnipro", "Dnipropetrovsk Oblast"),
    ("Nikopol", "Dnipropetrovsk Oblast"),
    ("Kryvyi Rih", "Dnipropetrovsk Oblast"),
    ("Kherson", "Kherson Oblast"),
    ("Mykolaiv", "Mykolaiv Oblast"),
    ("Sumy", "Sumy Oblast"),
    ("Chernihiv", "Chernihiv Oblast"),
    ("Poltava", "Poltava Oblast"),
]
PARTNERS = [
    "Germany", "France", "the Netherlands", "Sweden", "Denmark", "Norway", "Finland", "Canada",
    "Japan", "Poland", "the Czech Republic", "Lithuania",
]  # fmt: skip
CITY_TAGS = {city for city, _ in CITIES} & set(TAG_NAMES)
FESTIVALS = ["Berlin", "Rotterdam", "Karlovy Vary", "Locarno", "Tallinn", "Sarajevo"]
AP_MONTHS = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
]  # fmt: skip
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
MAX_BACKGROUND_PARAGRAPHS = 6
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def filler_published_at(n, *, count, newest_at):
    """Story ``n`` of ``count`` goes out at an irregular time, older as ``n`` grows."""
    span = datetime.timedelta(days=max(FILLER_MIN_DAYS, count / FILLER_PER_DAY))
    jitter = random.Random(f"newsroom-demo-filler-time-{n}").uniform(0.05, 0.95)
    return newest_at - span * (n + jitter) / count


def pool_story(n):
    """The section and template of story ``n``: round ``n // len(POOL)`` of the pool, shuffled."""
    round_number, place = divmod(n, len(POOL))
    order = random.Random(f"newsroom-demo-filler-round-{round_number}").sample(POOL, len(POOL))
    return order[place]


def filler_story(n, *, published_at):
    rng = random.Random(f"newsroom-demo-filler-{n}")
    section, template = pool_story(n)
    words = _story_words(rng, published_at)
    headline = template.headline.format(**words)
    background = BACKGROUND[section]
    paragraphs = [paragraph.format(**words) for paragraph in template.paragraphs]
    paragraphs += rng.sample(
        background, k=rng.randint(1, min(MAX_BACKGROUND_PARAGRAPHS, len(background)))
    )
    if section in SIGN_OFF:
        paragraphs.append(SIGN_OFF[section])
    tags = list(template.tags)
    if words["city"] in CITY_TAGS and "{city}" in template.headline:
        tags.append(words["city"])
    picture = rng.choice(template.pictures) if rng.random() < SHARE_WITH_PICTURE else ""
    return FillerStory(
        slug=f"{slugify(headline)[:200]}-{n}",
        headline=headline,
        dek=template.dek.format(**words),
        body=paragraphs_html(paragraphs),
        section=section,
        byline=_byline(rng, SECTION_WRITERS[section]),
        tags=tuple(tags),
        picture=picture,
        published_at=published_at,
    )


def _byline(rng, writers):
    first = rng.choice(writers)
    # A desk signs alone; a person sometimes shares the story with a colleague.
    if first == NEWS_DESK.slug or rng.random() >= SHARE_WITH_COAUTHOR:
        return (first,)
    colleagues = [slug for slug in writers if slug not in (first, NEWS_DESK.slug)]
    return (first, rng.choice(colleagues)) if colleagues else (first,)


def _story_words(rng, published_at):
    local = published_at.astimezone(KYIV)
    city, oblast = rng.choice(CITIES)
    country = rng.choice(PARTNERS)
    drones = rng.randrange(40, 180)
    injured = rng.randint(2, 14)
    killed = rng.randint(1, 4)
    return {
        "city": city,
        "oblast": oblast,
        "country": country,
        "Country": country[0].upper() + country[1:],
        "festival": rng.choice(FESTIVALS),
        "on_date": f"on {AP_MONTHS[local.month - 1]} {local.day}",
        "month": MONTHS[(local.month - 2) % 12],
        "injured": injured,
        "injured_people": _people(injured),
        "killed": killed,
        "killed_people": _people(killed),
        "drones": drones,
        "drones_down": drones - rng.randint(4, 25),
        "missiles": rng.randint(3, 40),
        "children": rng.randint(3, 30),
        "strikes": rng.randrange(120, 640),
        "tankers": rng.randrange(40, 190),
        "containers": f"{rng.randrange(800, 4000, 100):,}",
        "prisoners": rng.randrange(84, 390),
        "amount": rng.randrange(40, 900, 10),
        "hours": rng.randint(3, 11),
        "pct": f"{rng.uniform(2, 28):.1f}",
        "rate": f"{rng.choice([13.5, 14, 14.5, 15, 15.5, 16]):g}",
        "inflation": f"{rng.uniform(7, 15):.1f}",
    }


def _people(count):
    # Newsroom style spells out numbers below ten.
    if count == 1:
        return "one person"
    return f"{NUMBER_WORDS[count] if count < 10 else count} people"
