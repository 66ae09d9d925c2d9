"""Writes the demo newsroom to the database.

Every row is looked up by a natural key first (slug, name, or an image's alt text and credit),
so loading again brings the demo back to its known state instead of adding a second copy.
"""

import datetime
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleAuthor,
    RelatedArticle,
    Section,
    TaggedArticle,
    count_words,
)
from articles.sanitizer import sanitize_html
from articles.search_documents import refresh_search_documents
from authors.models import Author
from delivery.changes import one_change
from demo import content, editions, embeds, front, live, newsletters, pictures
from demo.filler import filler_published_at, filler_story
from media.galleries import gallery_block
from media.models import Image
from website.editions import default_language

FILLER_BATCH_SIZE = 500


@dataclass(frozen=True)
class DemoLogin:
    label: str
    username: str
    group: str
    first_name: str
    last_name: str


EDITOR_LOGIN = DemoLogin("Editor", "editor", "Editors", "Demo", "Editor")
JOURNALIST_LOGIN = DemoLogin("Journalist", "journalist", "Journalists", "Olena", "Marchenko")
DEMO_LOGINS = (EDITOR_LOGIN, JOURNALIST_LOGIN)


@dataclass
class DemoSummary:
    seed_article: Article
    queue: list[Article]
    filler_created: int = 0
    filler_found: int = 0
    # The other editions' stories, by language: only those the site runs.
    edition_stories: dict[str, list[Article]] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)


def load_demo_newsroom(*, filler_count, with_logins, progress=None):
    """Load (or restore) the demo newsroom; returns what a caller needs to report it.

    ``progress(done, total)`` is called as filler stories are written.
    """
    # One change: its searches are refreshed and its pages dropped once, when it is all written.
    with transaction.atomic(), one_change():
        sections = ensure_sections()
        tags = ensure_tags()
        images = {spec.key: ensure_picture(spec) for spec in content.PICTURES}
        authors = ensure_authors()
        passwords, users = {}, {}
        if with_logins:
            for login in DEMO_LOGINS:
                users[login.username], passwords[login.username] = create_demo_login(login)
            link_author_profile(authors[content.JOURNALIST_PROFILE], users["journalist"])
        journalist = users.get(JOURNALIST_LOGIN.username)
        build = StoryBuilder(sections=sections, tags=tags, images=images, authors=authors)
        allies = build.story(content.STORIES.allies)
        seed_article = build.story(content.STORIES.seed, picks=[allies])
        nikopol = build.story(content.STORIES.nikopol)
        queue = [
            build.story(
                spec,
                created_by=journalist if content.JOURNALIST_PROFILE in spec.byline else None,
            )
            for spec in content.STORIES.desk_queue
        ]
        named = {"seed": seed_article, "allies": allies, "nikopol": nikopol}
        edition_stories = editions.add_demo_editions(build, originals=named)
        # As on the seed page, the Nikopol story tops the feed and the filler lines up beneath.
        created, found = build.filler(
            filler_count, newest_at=nikopol.published_at, progress=progress
        )
        # Filler is written in bulk, past save() and its signals: index it for search here,
        # planned with the statistics of what was just loaded (with those of an empty table,
        # PostgreSQL joins 100,000 new rows by nested loops and the refresh runs for minutes).
        refresh_planner_statistics()
        refresh_search_documents(Article.objects.all())
        # The apps above ``articles`` next, live coverage before the front page, which steers
        # readers to the story covered live.
        embeds.add_demo_embeds(stories=named)
        live.add_demo_live_blog(stories=named, authors=authors, users=users, images=images)
        stories = [allies, seed_article, nikopol, *queue]
        front.place_demo_front(seed_article=seed_article, stories=stories, users=users)
        front.place_edition_fronts(edition_stories=edition_stories, users=users)
        newsletters.add_demo_newsletters(seed_article=seed_article, stories=stories, users=users)
    refresh_planner_statistics()
    return DemoSummary(
        seed_article=seed_article,
        queue=queue,
        filler_created=created,
        filler_found=found,
        edition_stories=edition_stories,
        passwords=passwords,
    )


# Every table a bulk load writes and a reader's page reads.
LOADED_MODELS = (Article, TaggedArticle, ArticleAuthor, RelatedArticle, Tag, Author, Section, Image)


def refresh_planner_statistics():
    """ANALYZE what was just loaded, as autovacuum would only get round to later.

    Until then PostgreSQL plans with the statistics of an empty database: after a bulk load of
    100,000 stories the seed article took 1.9 s and /sitemap.xml 44 s. The search index's
    pending entries are merged too, so searches read one tidy index rather than a long list.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in LOADED_MODELS:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")
        if connection.vendor == "postgresql":
            cursor.execute("SELECT gin_clean_pending_list('article_search_vector'::regclass)")


def ensure_sections():
    sections = {}
    for position, spec in enumerate(content.SECTIONS, start=1):
        sections[spec.slug], _ = Section.objects.update_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "description": spec.description, "position": position},
        )
    return sections


def ensure_tags():
    tags = {}
    for name in content.TAG_NAMES:
        tags[name], _ = Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    return tags


def ensure_picture(spec):
    image = _find_image(alt_text=spec.alt_text, credit=spec.credit)
    image.caption = spec.caption
    if _needs_file(image):
        data = pictures.landscape(spec.motif, spec.sky, spec.ground, spec.key)
        _store_picture(image, f"{spec.key}.jpg", data)
    image.save()
    # A new file gets its renditions on save; this completes a database from before that.
    image.make_renditions()
    return image


def ensure_authors():
    authors = {}
    for spec in content.AUTHORS:
        author, _ = Author.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "role": spec.role,
                "bio": spec.bio,
                "is_desk": spec.is_desk,
            },
        )
        photo = _find_image(alt_text=spec.name, credit="")
        if _needs_file(photo):
            data = pictures.portrait(spec.initials, spec.portrait_color)
            _store_picture(photo, f"{spec.slug}.jpg", data)
            photo.save()
        photo.make_renditions()
        if author.photo_id != photo.pk:
            author.photo = photo
            author.save(update_fields=["photo"])
        authors[spec.slug] = author
    return authors


def create_demo_login(login):
    """Create or reset a demo login with a fresh random password; returns (user, password)."""
    # Passwords printed to a terminal must never open a production desk.
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo logins are only created when DEBUG is on.")
    user, _ = get_user_model().objects.get_or_create(username=login.username)
    user.first_name, user.last_name = login.first_name, login.last_name
    user.email = f"{login.username}@example.com"
    user.is_staff, user.is_active, user.is_superuser = True, True, False
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save()
    # The groups and their permissions come from a data migration; get_or_create() keeps the
    # loader working on a database where they are missing.
    group, _ = Group.objects.get_or_create(name=login.group)
    user.groups.add(group)
    return user, password


def link_author_profile(author, user):
    Author.objects.filter(user=user).exclude(pk=author.pk).update(user=None)
    if author.user_id != user.pk:
        author.user = user
        author.save(update_fields=["user"])


class StoryBuilder:
    def __init__(self, *, sections, tags, images, authors):
        self.sections = sections
        self.tags = tags
        self.images = images
        self.authors = authors

    def story(
        self,
        spec,
        *,
        picks=(),
        created_by=None,
        slug=None,
        language=None,
        translation_key=None,
        lead_caption="",
        lead_credit="",
    ):
        """Write one hand-written story; another edition's names its ``slug`` and
        ``language``, and a translation the ``translation_key`` of the story it translates."""
        now = timezone.now()
        slug = slug or spec.slug
        article = Article.objects.filter(slug=slug).first() or Article(slug=slug)
        article.language = language or default_language()
        if translation_key is not None:
            article.translation_key = translation_key
        article.headline = spec.headline
        article.dek = spec.dek
        article.body = self.body(spec)
        article.section = self.sections[spec.section]
        article.lead_image = self.images.get(spec.picture)
        article.lead_image_caption = lead_caption
        article.lead_image_credit = lead_credit
        article.status = spec.status
        if created_by is not None:
            article.created_by = created_by
        if spec.status != Article.Status.PUBLISHED:
            article.published_at = None
        elif spec.published_at is not None:
            article.published_at = spec.published_at
        elif spec.published_ago is not None and article.published_at is None:
            article.published_at = now - spec.published_ago
        elif spec.scheduled_in is not None and (
            article.published_at is None or article.published_at <= now
        ):
            article.published_at = now + spec.scheduled_in
        # A full save, not update_or_create(): save() derives word_count from the body, and
        # update_or_create() would only write the fields it was given.
        article.save()
        self._set_byline(article, [self.authors[slug] for slug in spec.byline])
        article.tags.set([self.tags[name] for name in spec.tags])
        self._set_picks(article, picks)
        return article

    def body(self, spec):
        """The story's paragraphs, with its gallery of library pictures where it goes."""
        if spec.gallery is None:
            return content.paragraphs_html(spec.paragraphs)
        cut = spec.gallery.after_paragraph
        gallery = gallery_block(
            [(self.images[item.picture].pk, item.caption) for item in spec.gallery.pictures]
        )
        return "\n".join(
            [
                content.paragraphs_html(spec.paragraphs[:cut]),
                gallery,
                content.paragraphs_html(spec.paragraphs[cut:]),
            ]
        )

    def filler(self, count, *, newest_at, progress=None):
        """Write filler stories 0…count-1 that are missing; returns (created, already there)."""
        newest_at -= datetime.timedelta(minutes=10)
        created = found = 0
        for start in range(0, count, FILLER_BATCH_SIZE):
            numbers = range(start, min(start + FILLER_BATCH_SIZE, count))
            stories = [
                filler_story(
                    n, published_at=filler_published_at(n, count=count, newest_at=newest_at)
                )
                for n in numbers
            ]
            existing = set(
                Article.objects.filter(slug__in=[story.slug for story in stories]).values_list(
                    "slug", flat=True
                )
            )
            missing = [story for story in stories if story.slug not in existing]
            self._bulk_create_filler(missing)
            created += len(missing)
            found += len(existing)
            if progress:
                progress(numbers.stop, count)
        return created, found

    def _bulk_create_filler(self, stories):
        # bulk_create skips the models' save(), so the body is cleaned and counted here, and the
        # tag and byline entries take their story's publish time here.
        articles = []
        for story in stories:
            body = sanitize_html(story.body)
            articles.append(
                Article(
                    headline=story.headline,
                    slug=story.slug,
                    dek=story.dek,
                    body=body,
                    word_count=count_words(body),
                    section=self.sections[story.section],
                    lead_image=self.images.get(story.picture),
                    status=Article.Status.PUBLISHED,
                    published_at=story.published_at,
                )
            )
        Article.objects.bulk_create(articles)
        bylines, taggings = [], []
        for article, story in zip(articles, stories, strict=True):
            bylines += [
                ArticleAuthor(
                    article=article,
                    author=self.authors[slug],
                    position=position,
                    published_at=article.published_at,
                )
                for position, slug in enumerate(story.byline)
            ]
            taggings += [
                TaggedArticle(
                    content_object=article, tag=self.tags[name], published_at=article.published_at
                )
                for name in story.tags
            ]
        ArticleAuthor.objects.bulk_create(bylines)
        TaggedArticle.objects.bulk_create(taggings)

    @staticmethod
    def _set_byline(article, authors):
        current = list(article.bylines.order_by("position").values_list("author_id", flat=True))
        if current == [author.pk for author in authors]:
            return
        article.bylines.all().delete()
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(
                article=article,
                author=author,
                position=position,
                published_at=article.published_at,
                language=article.language,
            )
            for position, author in enumerate(authors)
        )

    @staticmethod
    def _set_picks(article, picks):
        current = list(article.picks.order_by("position").values_list("to_article_id", flat=True))
        if current == [pick.pk for pick in picks]:
            return
        article.picks.all().delete()
        RelatedArticle.objects.bulk_create(
            RelatedArticle(from_article=article, to_article=pick, position=position)
            for position, pick in enumerate(picks)
        )


def _find_image(*, alt_text, credit):
    image = Image.objects.filter(alt_text=alt_text, credit=credit).order_by("pk").first()
    return image or Image(alt_text=alt_text, credit=credit)


def _store_picture(image, name, data):
    # ImageField reads the width and height from the content only when the content has a name.
    image.file.save(name, ContentFile(data, name=name), save=False)


def _needs_file(image):
    # A wiped upload folder under a kept database would otherwise leave broken pictures behind.
    return not image.file or not image.file.storage.exists(image.file.name)
