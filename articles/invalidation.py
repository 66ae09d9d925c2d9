"""Turn changes readers could see into invalidations of exactly the keys that show them.

A draft or a story in review is on no public page, so saving one invalidates nothing. A live
story's page, cards and feed items all carry ``article-<pk>``; the lists it belongs to are
invalidated when it joins, leaves or moves in them. A scheduled story is on no page yet, but the
lists it will join change at its go-live with no save at all: a page cached before the story was
scheduled (or moved earlier) would outlive that moment, at the origin and at the edge, so
scheduling, rescheduling or unscheduling invalidates those lists too. Pages rendered afterwards
end at the next go-live (``delivery.lifetime``). Bylines and tags are their own rows, saved
after the article, so they have their own receivers. Everything is sent through
``delivery.invalidate``, which acts after the commit.
"""

from django.db.models import Exists, OuterRef
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    Article,
    ArticleAuthor,
    Correction,
    RelatedArticle,
    Section,
    SectionName,
    TaggedArticle,
    TagName,
    is_visible_to_readers,
)
from delivery.changes import note, noted
from delivery.invalidation import invalidate
from delivery.keys import (
    ARCHIVE,
    CORRECTIONS,
    FRONT,
    NAVIGATION,
    SCHEDULE,
    edition_key,
    edition_keys,
    every_edition,
    key,
)
from delivery.lifetime import go_live_wanted

# What decides whether and where a story appears in the lists.
PLACEMENT_FIELDS = ("status", "published_at", "embargo_until", "section_id", "language")
# What the pages of a story's translations show of it (the switcher, hreflang links).
LINK_FIELDS = ("slug", "translation_key")


@receiver(go_live_wanted, dispatch_uid="articles_next_go_live")
def next_story_go_live(language, **kwargs):
    """When the edition's next scheduled story goes live: its publish time, or its embargo's
    end when that is later (one read down each of their indexes)."""
    now = timezone.now()
    published = Article.objects.filter(status=Article.Status.PUBLISHED, language=language)
    moments = [
        published.filter(published_at__gt=now).order_by("published_at"),
        published.filter(embargo_until__gt=now).order_by("embargo_until"),
    ]
    field_of = ("published_at", "embargo_until")
    found = [
        query.values_list(field, flat=True).first()
        for query, field in zip(moments, field_of, strict=True)
    ]
    found = [moment for moment in found if moment is not None]
    return min(found) if found else None


class Placement:
    """Where a story stood for readers when it was read: visible, scheduled, in which lists."""

    def __init__(self, *, status, published_at, embargo_until, section_id, language):
        self.language = language
        self.status = status
        self.published_at = published_at
        self.embargo_until = embargo_until
        self.section_id = section_id

    @classmethod
    def of(cls, article):
        return cls(**{name: getattr(article, name) for name in PLACEMENT_FIELDS})

    def is_visible(self, now):
        return is_visible_to_readers(
            status=self.status,
            published_at=self.published_at,
            embargo_until=self.embargo_until,
            now=now,
        )

    def is_scheduled(self, now):
        return self.status == Article.Status.PUBLISHED and not self.is_visible(now)

    def same_place(self, other):
        return all(getattr(self, name) == getattr(other, name) for name in PLACEMENT_FIELDS)


def membership_keys(article, section_ids, languages=None):
    """The lists a story appears in, in its own edition (or each of ``languages``): the front,
    its sections, tags and authors; and the pages of the stories whose editors picked it for
    "Read more"."""
    lists = {FRONT, ARCHIVE}
    lists.update(key("section", pk) for pk in section_ids if pk)
    lists.update(
        key("tag", pk)
        for pk in TaggedArticle.objects.filter(content_object_id=article.pk).values_list(
            "tag_id", flat=True
        )
    )
    lists.update(
        key("author", pk)
        for pk in ArticleAuthor.objects.filter(article_id=article.pk).values_list(
            "author_id", flat=True
        )
    )
    if Correction.objects.filter(article_id=article.pk).exists():
        lists.add(CORRECTIONS)
    if decides_navigation(article, section_ids):
        lists.add(NAVIGATION)
    keys = {key("article", article.pk)}
    for language in languages or {article.language}:
        keys.update(edition_keys(lists, language))
    keys.update(
        key("article", pk)
        for pk in RelatedArticle.objects.filter(to_article_id=article.pk).values_list(
            "from_article_id", flat=True
        )
    )
    return keys


def decides_navigation(article, section_ids):
    """Whether ``article`` is the only story out in one of its menu sections in its edition.

    A section is in an edition's menu while any story of the edition in it is out
    (``articles.context_processors``), so such a story joining or leaving puts the section in
    every page's menu of its edition or takes it out.
    """
    others_out = (
        Article.objects.published()
        .in_edition(article.language)
        .filter(section=OuterRef("pk"))
        .exclude(pk=article.pk)
    )
    return (
        Section.objects.filter(pk__in=[pk for pk in section_ids if pk], in_navigation=True)
        .exclude(Exists(others_out))
        .exists()
    )


def is_visible_now(article_pk):
    return Article.objects.published().filter(pk=article_pk).exists()


def is_scheduled(article_pk):
    """Out of sight until a go-live that pages cached now would outlive."""
    return Article.objects.scheduled().filter(pk=article_pk).exists()


@receiver(pre_save, sender=Article, dispatch_uid="delivery_article_saving")
def note_placement(sender, instance, raw, **kwargs):
    if raw or instance.pk is None:
        return
    row = Article.objects.filter(pk=instance.pk).values(*PLACEMENT_FIELDS, *LINK_FIELDS).first()
    if row:
        note(Article, instance.pk, "links", {name: row.pop(name) for name in LINK_FIELDS})
        note(Article, instance.pk, "placement", Placement(**row))


@receiver(post_save, sender=Article, dispatch_uid="delivery_article_saved")
def article_saved(sender, instance, raw, **kwargs):
    if raw:
        return
    now = timezone.now()
    before = noted(Article, instance.pk, "placement")
    after = Placement.of(instance)
    was_visible = before is not None and before.is_visible(now)
    was_scheduled = before is not None and before.is_scheduled(now)
    is_scheduled = after.is_scheduled(now)
    moved = before is None or not before.same_place(after)
    keys = set()
    if was_visible and after.is_visible(now) and not moved:
        # Words, slug or image changed: every page showing the story carries its key; the
        # sitemaps and search of its edition list the whole archive by slug, headline and text.
        keys.update((key("article", instance.pk), edition_key(ARCHIVE, instance.language)))
    elif moved and (was_visible or was_scheduled or after.is_visible(now) or is_scheduled):
        # Joining or leaving now, or at a go-live that pages cached until now do not end at.
        sections = {after.section_id, before.section_id if before else None}
        languages = {after.language, before.language if before else after.language}
        keys.update(membership_keys(instance, sections, languages))
        if was_scheduled or is_scheduled:
            keys.update(edition_key(SCHEDULE, language) for language in languages)
    links = noted(Article, instance.pk, "links") or {}
    relinked = any(links.get(name) != getattr(instance, name) for name in LINK_FIELDS)
    if (was_visible != after.is_visible(now)) or (after.is_visible(now) and relinked):
        # The translations' pages link to the story while it is out, by its slug: they change
        # when it comes out or goes, or its address or translation key changes; nothing else
        # of this story is on them.
        keys.update(translation_keys(instance, links.get("translation_key")))
    invalidate(keys)


def translation_keys(article, old_translation_key=None):
    """The keys of the pages of ``article``'s translations (before and after a relinking)."""
    translation_keys = {article.translation_key, old_translation_key} - {None}
    others = Article.objects.filter(translation_key__in=translation_keys).exclude(pk=article.pk)
    return {key("article", pk) for pk in others.values_list("pk", flat=True)}


@receiver(pre_delete, sender=Article, dispatch_uid="delivery_article_deleting")
def article_deleting(sender, instance, **kwargs):
    # Now, while its bylines and tags are still there to name the lists it leaves.
    keys = set()
    if is_visible_now(instance.pk):
        keys = membership_keys(instance, {instance.section_id}) | translation_keys(instance)
    if Placement.of(instance).is_scheduled(timezone.now()):
        keys.add(edition_key(SCHEDULE, instance.language))
    invalidate(keys)


@receiver(post_save, sender=TaggedArticle, dispatch_uid="delivery_tagging_saved")
@receiver(post_delete, sender=TaggedArticle, dispatch_uid="delivery_tagging_deleted")
def tagging_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # The entry carries its story's edition (ListEntry).
    lists = edition_keys({key("tag", instance.tag_id), ARCHIVE}, instance.language)
    if is_visible_now(instance.content_object_id):
        invalidate({key("article", instance.content_object_id), *lists})
    elif is_scheduled(instance.content_object_id):
        # The tag's list (and Read more over it) gains the story at its go-live.
        invalidate({edition_key(key("tag", instance.tag_id), instance.language)})


@receiver(post_save, sender=ArticleAuthor, dispatch_uid="delivery_byline_saved")
@receiver(post_delete, sender=ArticleAuthor, dispatch_uid="delivery_byline_deleted")
def byline_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    lists = edition_keys({key("author", instance.author_id), ARCHIVE}, instance.language)
    if is_visible_now(instance.article_id):
        invalidate({key("article", instance.article_id), *lists})
    elif is_scheduled(instance.article_id):
        invalidate({edition_key(key("author", instance.author_id), instance.language)})


@receiver(m2m_changed, sender=Article.authors.through, dispatch_uid="delivery_bylines_added")
def bylines_added(sender, instance, action, reverse, pk_set, **kwargs):
    # ``authors.add()`` writes its rows with bulk_create(), which sends no post_save.
    if action != "post_add" or not pk_set:
        return
    article_pks = pk_set if reverse else {instance.pk}
    author_keys = {key("author", pk) for pk in ({instance.pk} if reverse else pk_set)}
    shown = dict(
        Article.objects.published().filter(pk__in=article_pks).values_list("pk", "language")
    )
    waiting = set(
        Article.objects.scheduled().filter(pk__in=article_pks).values_list("language", flat=True)
    )
    keys = {key("article", pk) for pk in shown}
    for language in set(shown.values()):
        keys.update(edition_keys({ARCHIVE, *author_keys}, language))
    for language in waiting:
        keys.update(edition_keys(author_keys, language))
    if keys:
        invalidate(keys)


@receiver(post_save, sender=RelatedArticle, dispatch_uid="delivery_pick_saved")
@receiver(post_delete, sender=RelatedArticle, dispatch_uid="delivery_pick_deleted")
def pick_changed(sender, instance, raw=False, **kwargs):
    if not raw and is_visible_now(instance.from_article_id):
        invalidate({key("article", instance.from_article_id)})


@receiver(post_save, sender=Correction, dispatch_uid="delivery_correction_saved")
@receiver(post_delete, sender=Correction, dispatch_uid="delivery_correction_deleted")
def correction_changed(sender, instance, raw=False, **kwargs):
    if not raw and is_visible_now(instance.article_id):
        language = Article.objects.values_list("language", flat=True).get(pk=instance.article_id)
        invalidate({key("article", instance.article_id), edition_key(CORRECTIONS, language)})


@receiver(post_save, sender=Section, dispatch_uid="delivery_section_saved")
@receiver(post_delete, sender=Section, dispatch_uid="delivery_section_deleted")
def section_changed(sender, instance, raw=False, **kwargs):
    # Its own name is every edition's that has none of its own.
    if not raw:
        invalidate(every_edition({key("section", instance.pk), NAVIGATION, ARCHIVE}))


@receiver(post_save, sender=Tag, dispatch_uid="delivery_tag_saved")
@receiver(post_delete, sender=Tag, dispatch_uid="delivery_tag_deleted")
def tag_changed(sender, instance, raw=False, created=False, **kwargs):
    # A new tag is on no page yet.
    if not raw and not created:
        invalidate(every_edition({key("tag", instance.pk), ARCHIVE}))


@receiver(post_save, sender=SectionName, dispatch_uid="delivery_section_name_saved")
@receiver(post_delete, sender=SectionName, dispatch_uid="delivery_section_name_deleted")
def section_name_changed(sender, instance, raw=False, **kwargs):
    # A name in one edition is on that edition's pages only.
    if not raw:
        lists = {key("section", instance.section_id), NAVIGATION, ARCHIVE}
        invalidate(edition_keys(lists, instance.language))


@receiver(post_save, sender=TagName, dispatch_uid="delivery_tag_name_saved")
@receiver(post_delete, sender=TagName, dispatch_uid="delivery_tag_name_deleted")
def tag_name_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate(edition_keys({key("tag", instance.tag_id), ARCHIVE}, instance.language))
