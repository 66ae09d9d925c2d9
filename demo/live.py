"""The demo's live blog: a day of updates from Nikopol around the seed stories (load_demo).

Its words are in ``data/live.json``.
"""

import datetime
import html
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticleAuthor
from demo import datafiles
from demo.content import AUTHORS, PICTURES, STORIES, paragraphs_html
from live.models import LiveUpdate, LiveUpdateCorrection


@dataclass(frozen=True)
class CorrectionSpec:
    text: str
    after_minutes: int


@dataclass(frozen=True)
class LinkSpec:
    """Words of an update that link to one of the named stories (``seed``, ``allies``…)."""

    text: str
    to: str


@dataclass(frozen=True)
class UpdateSpec:
    after_minutes: int
    paragraphs: tuple[str, ...]
    byline: tuple[str, ...]
    title: str = ""
    key_event: bool = False
    picture: str = ""
    correction: CorrectionSpec | None = None
    link: LinkSpec | None = None

    def __post_init__(self):
        if self.link and not any(self.link.text in paragraph for paragraph in self.paragraphs):
            raise ValueError(f"the link's words {self.link.text!r} are not in the update")


@dataclass(frozen=True)
class LiveBlogSpec:
    slug: str
    headline: str
    dek: str
    body: tuple[str, ...]
    # The named story whose section, lead image and tags the live blog shares.
    follows: str
    byline: tuple[str, ...]
    # How long ago the coverage started when the demo is first loaded.
    coverage_hours: int
    updates: tuple[UpdateSpec, ...]


def check_references(blog):
    stories = STORIES.named()
    authors = {author.slug for author in AUTHORS}
    pictures = {picture.key for picture in PICTURES}
    unknown = [
        *({blog.follows} - set(stories)),
        *(set(blog.byline) - authors),
        *(set(slug for update in blog.updates for slug in update.byline) - authors),
        *({update.picture for update in blog.updates} - pictures - {""}),
        *({update.link.to for update in blog.updates if update.link} - set(stories)),
    ]
    if unknown:
        raise datafiles.DemoDataError(f"live.json names unknown {unknown}")


BLOG = datafiles.read("live.json", LiveBlogSpec)
check_references(BLOG)


def add_demo_live_blog(*, stories, authors, users, images):
    """One live story with a day of updates; loading again leaves it as it is.

    ``stories`` are the named stories (``seed``, ``allies``, ``nikopol``) as written.
    """
    follows = stories[BLOG.follows]
    with transaction.atomic():
        article = Article.objects.filter(slug=BLOG.slug).first()
        if article is None:
            started_at = timezone.now() - datetime.timedelta(hours=BLOG.coverage_hours)
            article = Article.objects.create(
                slug=BLOG.slug,
                headline=BLOG.headline,
                dek=BLOG.dek,
                body=paragraphs_html(BLOG.body),
                section=follows.section,
                lead_image=follows.lead_image,
                status=Article.Status.PUBLISHED,
                published_at=started_at,
                live_started_at=started_at,
                created_by=users.get("editor"),
            )
            byline = [authors[slug] for slug in BLOG.byline if slug in authors]
            for position, author in enumerate(byline):
                ArticleAuthor.objects.create(article=article, author=author, position=position)
            article.tags.set(list(follows.tags.all()))
        if article.live_updates.exists():
            return
        for spec in BLOG.updates:
            body = paragraphs_html(spec.paragraphs)
            if spec.link:
                words = html.escape(spec.link.text, quote=False)
                url = stories[spec.link.to].get_absolute_url()
                body = body.replace(words, f'<a href="{url}">{words}</a>')
            update = LiveUpdate.objects.create(
                article=article,
                title=spec.title,
                body=body,
                is_key_event=spec.key_event,
                status=LiveUpdate.Status.PUBLISHED,
                published_at=article.live_started_at
                + datetime.timedelta(minutes=spec.after_minutes),
                created_by=users.get("journalist"),
            )
            update.authors.set([authors[slug] for slug in spec.byline if slug in authors])
            if spec.picture:
                update.image = images[spec.picture]
                update.save(update_fields=["image"])
            if spec.correction:
                LiveUpdateCorrection.objects.create(
                    update=update,
                    text=spec.correction.text,
                    created_at=update.published_at
                    + datetime.timedelta(minutes=spec.correction.after_minutes),
                )
