"""The words of the demo newsroom: the seed page's stories, the people, sections and pictures.

They are data (``data/newsroom.json``, ``data/stories.json``); the dataclasses below describe them.
The seed page is ``shared/seeds/000_403746959bcb0950.txt`` (a Kyiv Independent article page).
Its text is kept verbatim, straight and curly apostrophes included, so the demo looks like the
page it copies. The first three authors appear on that page; the others are invented.
"""

import datetime
import html
import zoneinfo
from dataclasses import dataclass

from django.utils.text import slugify

from articles.models import Article
from demo import datafiles, pictures

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")


@dataclass(frozen=True)
class SectionSpec:
    name: str
    slug: str
    description: str


@dataclass(frozen=True)
class AuthorSpec:
    name: str
    role: str
    bio: str
    portrait_color: tuple[int, int, int]
    is_desk: bool = False

    @property
    def slug(self):
        return slugify(self.name)

    @property
    def initials(self):
        if self.is_desk:
            return "KI"
        return "".join(word[0] for word in self.name.split()[:2]).upper()


@dataclass(frozen=True)
class PictureSpec:
    """A picture drawn by ``pictures.landscape``; its alt text and credit find it on re-runs."""

    key: str
    alt_text: str
    caption: str
    credit: str
    motif: str
    sky: tuple[int, int, int]
    ground: tuple[int, int, int]

    def __post_init__(self):
        if self.motif not in pictures.MOTIFS:
            raise ValueError(f"no motif {self.motif!r}; there are {', '.join(pictures.MOTIFS)}")


@dataclass(frozen=True)
class GalleryPicture:
    picture: str
    # For this story only; the picture's own caption otherwise.
    caption: str = ""


@dataclass(frozen=True)
class GallerySpec:
    """A photo gallery in a story's body, after its paragraph number ``after_paragraph``."""

    after_paragraph: int
    pictures: tuple[GalleryPicture, ...]


@dataclass(frozen=True)
class StorySpec:
    """A hand-written story.

    A published story has exactly one timing: a fixed ``published_at``, ``published_ago_minutes``
    (fixed when the story is first created, so a re-run does not move it) or
    ``scheduled_in_hours`` (the desk's queue, pushed forward again once its time has passed so
    the queue never runs dry). Drafts and stories in review have none.
    """

    headline: str
    section: str
    byline: tuple[str, ...]
    paragraphs: tuple[str, ...]
    dek: str = ""
    tags: tuple[str, ...] = ()
    picture: str = ""
    gallery: GallerySpec | None = None
    status: str = Article.Status.PUBLISHED
    published_at: datetime.datetime | None = None
    published_ago_minutes: int | None = None
    scheduled_in_hours: int | None = None

    def __post_init__(self):
        if self.status not in Article.Status.values:
            raise ValueError(f"no status {self.status!r}; there are {Article.Status.values}")
        timings = [self.published_at, self.published_ago_minutes, self.scheduled_in_hours]
        expected = 1 if self.status == Article.Status.PUBLISHED else 0
        if sum(timing is not None for timing in timings) != expected:
            raise ValueError(
                f"a {self.status} story has {'one timing' if expected else 'no timing'} "
                "(published_at, published_ago_minutes or scheduled_in_hours)"
            )

    @property
    def slug(self):
        return slugify(self.headline)

    @property
    def published_ago(self):
        if self.published_ago_minutes is not None:
            return datetime.timedelta(minutes=self.published_ago_minutes)
        return None

    @property
    def scheduled_in(self):
        if self.scheduled_in_hours is not None:
            return datetime.timedelta(hours=self.scheduled_in_hours)
        return None


@dataclass(frozen=True)
class Newsroom:
    sections: tuple[SectionSpec, ...]
    tags: tuple[str, ...]
    authors: tuple[AuthorSpec, ...]
    # The journalist demo login writes as this person, so the desk queue holds "their" drafts.
    journalist_profile: str
    pictures: tuple[PictureSpec, ...]


@dataclass(frozen=True)
class Stories:
    seed: StorySpec
    # The seed story's first editor's pick.
    allies: StorySpec
    # As on the seed page, it tops the feed.
    nikopol: StorySpec
    # Work in every state a journalist or editor acts on.
    desk_queue: tuple[StorySpec, ...]

    def named(self):
        return {"seed": self.seed, "allies": self.allies, "nikopol": self.nikopol}


def paragraphs_html(paragraphs):
    return "\n".join(f"<p>{html.escape(paragraph, quote=False)}</p>" for paragraph in paragraphs)


def gallery_of(spec):
    return spec.gallery.pictures if spec.gallery else ()


def check_references(newsroom, stories):
    """Every section, author, tag and picture a story names exists."""
    sections = {section.slug for section in newsroom.sections}
    authors = {author.slug for author in newsroom.authors}
    tags = set(newsroom.tags)
    picture_keys = {picture.key for picture in newsroom.pictures}
    if newsroom.journalist_profile not in authors:
        raise datafiles.DemoDataError(f"newsroom.json: no author {newsroom.journalist_profile!r}")
    queue = {f"desk_queue[{i}]": spec for i, spec in enumerate(stories.desk_queue)}
    for key, spec in {**stories.named(), **queue}.items():
        unknown = [
            *({spec.section} - sections),
            *(set(spec.byline) - authors),
            *(set(spec.tags) - tags),
            *({spec.picture} - picture_keys - {""}),
            *({item.picture for item in gallery_of(spec)} - picture_keys),
        ]
        if unknown:
            raise datafiles.DemoDataError(f"stories.json: {key} names unknown {unknown}")


NEWSROOM = datafiles.read("newsroom.json", Newsroom)
STORIES = datafiles.read("stories.json", Stories)
check_references(NEWSROOM, STORIES)

SECTIONS = NEWSROOM.sections
TAG_NAMES = NEWSROOM.tags
AUTHORS = NEWSROOM.authors
PICTURES = NEWSROOM.pictures
JOURNALIST_PROFILE = NEWSROOM.journalist_profile
