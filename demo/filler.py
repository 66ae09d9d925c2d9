"""Filler stories that make the demo feed deep enough to page through, like a newsroom's week.

The stories come from a pool of distinct ones (``data/filler.json``): each is told once before
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

from demo import datafiles
from demo.content import AUTHORS, KYIV, PICTURES, SECTIONS, TAG_NAMES, paragraphs_html


@dataclass(frozen=True)
class Template:
    """One story of a newsroom's week; ``{city}``, ``{drones}`` and the like are filled in."""

    headline: str
    dek: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    pictures: tuple[str, ...]


@dataclass(frozen=True)
class FillerWords:
    # Who writes for each section; a desk always signs alone.
    section_writers: dict[str, tuple[str, ...]]
    # City → its oblast.
    cities: dict[str, str]
    partners: tuple[str, ...]
    festivals: tuple[str, ...]
    templates: dict[str, tuple[Template, ...]]
    # Context paragraphs a reporter adds below the news; a few are drawn for each story, so
    # reading times vary the way they do on a real feed.
    background: dict[str, tuple[str, ...]]
    sign_off: dict[str, str]


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


def check_references(words):
    """Every section, writer, tag and picture the filler names exists."""
    templates = [template for group in words.templates.values() for template in group]
    named = {
        "sections": {*words.section_writers, *words.templates, *words.background, *words.sign_off},
        "writers": {slug for writers in words.section_writers.values() for slug in writers},
        "tags": {tag for template in templates for tag in template.tags},
        "pictures": {key for template in templates for key in template.pictures},
    }
    known = {
        "sections": {section.slug for section in SECTIONS},
        "writers": {author.slug for author in AUTHORS},
        "tags": set(TAG_NAMES),
        "pictures": {picture.key for picture in PICTURES},
    }
    if unknown := {
        kind: sorted(named[kind] - known[kind]) for kind in named if named[kind] - known[kind]
    }:
        raise datafiles.DemoDataError(f"filler.json names unknown {unknown}")
    if without := set(words.templates) - (set(words.section_writers) & set(words.background)):
        raise datafiles.DemoDataError(f"filler.json: no writers or background for {without}")


WORDS = datafiles.read("filler.json", FillerWords)
check_references(WORDS)
# Every story of the pool, with its section: the sections' share of the pool is their share
# of the feed (about four in ten stories are the News Feed's short items).
POOL = [
    (section, template) for section, templates in WORDS.templates.items() for template in templates
]
CITIES = tuple(WORDS.cities.items())
CITY_TAGS = set(WORDS.cities) & set(TAG_NAMES)
DESKS = {author.slug for author in AUTHORS if author.is_desk}
SHARE_WITH_COAUTHOR = 0.15
SHARE_WITH_PICTURE = 0.85
# A newsroom publishes a couple of dozen stories a day: a small demo spreads over four weeks, a
# large one over as many days as that pace needs.
FILLER_MIN_DAYS = 28
FILLER_PER_DAY = 20

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
    background = WORDS.background[section]
    paragraphs = [paragraph.format(**words) for paragraph in template.paragraphs]
    paragraphs += rng.sample(
        background, k=rng.randint(1, min(MAX_BACKGROUND_PARAGRAPHS, len(background)))
    )
    if section in WORDS.sign_off:
        paragraphs.append(WORDS.sign_off[section])
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
        byline=_byline(rng, WORDS.section_writers[section]),
        tags=tuple(tags),
        picture=picture,
        published_at=published_at,
    )


def _byline(rng, writers):
    first = rng.choice(writers)
    # A desk signs alone; a person sometimes shares the story with a colleague.
    if first in DESKS or rng.random() >= SHARE_WITH_COAUTHOR:
        return (first,)
    colleagues = [slug for slug in writers if slug != first and slug not in DESKS]
    return (first, rng.choice(colleagues)) if colleagues else (first,)


def _story_words(rng, published_at):
    local = published_at.astimezone(KYIV)
    city, oblast = rng.choice(CITIES)
    country = rng.choice(WORDS.partners)
    drones = rng.randrange(40, 180)
    injured = rng.randint(2, 14)
    killed = rng.randint(1, 4)
    return {
        "city": city,
        "oblast": oblast,
        "country": country,
        "Country": country[0].upper() + country[1:],
        "festival": rng.choice(WORDS.festivals),
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
