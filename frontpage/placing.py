"""The rules of the front page's top: who may place what where, and what readers see there.

Each edition has its own front: a slot is (edition, position) and only takes a story of its
edition. Only editors steer the front (``frontpage.change_frontslot``). Only a published story
can be placed: a live one shows at once, a scheduled one shows from its publish time (until then its
slot shows the newest story). A slot may expire; whether it still holds is decided when the page
is read, so no worker clears it. Every change is recorded in ``FrontSlotChange``. A story that
is unpublished leaves its slot at once.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q, prefetch_related_objects
from django.dispatch import receiver
from django.utils import timezone

from articles.editions import with_section_names
from articles.models import Article
from articles.pagination import CursorPage
from articles.publishing import story_unpublished
from frontpage.models import FrontSlot, FrontSlotChange
from website.editions import current_edition, default_language, edition_languages, language_name

POSITIONS = tuple(FrontSlot.Position)
STEERING_PERMISSION = "frontpage.change_frontslot"


def check_may_steer(editor, permission=STEERING_PERMISSION):
    if editor is None or not editor.has_perm(permission):
        raise PermissionDenied("Only editors change the front page.")


def validate_placement(*, position, article, expires_at=None, now=None, language=None):
    """Raise ``ValidationError`` (by field) unless ``article`` may go into ``position`` of
    ``language``'s front (the default edition's when not named)."""
    now = now or timezone.now()
    language = language or default_language()
    errors = {}
    if language not in edition_languages():
        errors["language"] = "Choose one of the site's editions."
    if position not in POSITIONS:
        errors["position"] = "Choose the lead or one of the top-story slots."
    if article is None:
        errors["article"] = "Choose a story."
    elif article.status != Article.Status.PUBLISHED:
        errors["article"] = "Only a published (or scheduled) story can be placed on the front."
    elif article.language != language:
        errors["article"] = (
            f"This story is in the {language_name(article.language)} edition: the "
            f"{language_name(language)} front page only takes stories of its own edition."
        )
    else:
        elsewhere = (
            FrontSlot.objects.filter(article=article)
            .exclude(language=language, position=position)
            .first()
            if article.pk
            else None
        )
        if elsewhere is not None:
            errors["article"] = (
                f"This story is already placed as {elsewhere.get_position_display()}."
            )
    if expires_at is not None and expires_at <= now:
        errors["expires_at"] = "The slot's end must be in the future."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def place_story(*, position, article, expires_at=None, editor, language=None):
    """Put ``article`` into ``position`` of ``language``'s front (replacing what was there) and
    record the change."""
    check_may_steer(editor)
    # Locked so that two editors placing the same story at once are applied one after the other.
    article = Article.objects.select_for_update().get(pk=article.pk)
    language = language or default_language()
    validate_placement(position=position, article=article, expires_at=expires_at, language=language)
    return write_placement(
        position=position, article=article, expires_at=expires_at, by=editor, language=language
    )


def held_story(position, now=None, language=None):
    """The story ``position`` of ``language``'s front shows readers now by an editor's choice,
    or None."""
    slot = (
        FrontSlot.objects.active(now)
        .filter(language=language or default_language(), position=position)
        .select_related("article")
        .first()
    )
    return slot.article if slot is not None and slot.article.is_published() else None


def write_placement(*, position, article, expires_at, by, language=None):
    """Store a validated placement and its record; ``by`` is None only for the demo's loader.

    The record names the story the placement took out of the slot, if readers saw one there.
    """
    now = timezone.now()
    language = language or article.language
    replaced = held_story(position, now, language)
    slot, _ = FrontSlot.objects.update_or_create(
        language=language,
        position=position,
        defaults={"article": article, "expires_at": expires_at, "placed_by": by, "placed_at": now},
    )
    FrontSlotChange.objects.create(
        language=language,
        position=position,
        article=article,
        headline=article.headline,
        replaced_headline=replaced.headline if replaced and replaced != article else "",
        expires_at=expires_at,
        changed_by=by,
        changed_at=now,
    )
    slot.replaced = replaced if replaced != article else None
    return slot


@transaction.atomic
def clear_slot(*, position, editor, reason="", language=None):
    """Empty ``position`` of ``language``'s front: the newest story takes it. Recorded like a
    placement."""
    check_may_steer(editor)
    language = language or default_language()
    shown = held_story(position, language=language)
    return _clear(position=position, language=language, by=editor, reason=reason, shown=shown)


def _clear(*, position, language, by, reason, shown):
    """Empty ``position``; ``shown`` is the story readers saw there until now, if any."""
    deleted, _ = FrontSlot.objects.filter(language=language, position=position).delete()
    if deleted:
        FrontSlotChange.objects.create(
            language=language,
            position=position,
            replaced_headline=shown.headline if shown else "",
            reason=reason,
            changed_by=by,
        )
    return bool(deleted)


@receiver(story_unpublished, dispatch_uid="frontpage_slot_follows_its_story")
def clear_slot_of(sender, *, article, editor, was_visible, **kwargs):
    """A story that leaves readers (or the schedule) leaves its slot: it never comes back to the
    front by itself when it is published again."""
    slot = FrontSlot.objects.filter(article=article).first()
    if slot is None:
        return None
    place = f"the front page's {slot.get_position_display().lower()}"
    was_showing = was_visible and slot.is_active()
    _clear(
        position=slot.position,
        language=slot.language,
        by=editor,
        reason="Its story was unpublished",
        shown=article if was_showing else None,
    )
    if was_showing:
        return f"It was {place}: the newest story takes that place now."
    return f"Its placement as {place} is cleared."


@dataclass(frozen=True)
class PlacementAt:
    position: int
    label: str
    change: FrontSlotChange | None

    @property
    def is_filled(self):
        return self.change is not None and self.change.article_id is not None


def front_at(moment, language=None):
    """What each slot of ``language``'s front held at ``moment``: the last change before it,
    unless that had expired."""
    language = language or default_language()
    placements = []
    for position in POSITIONS:
        change = (
            FrontSlotChange.objects.filter(
                language=language, position=position, changed_at__lte=moment
            )
            .select_related("article", "changed_by")
            .first()
        )
        if change is not None and (
            change.is_clearing or (change.expires_at is not None and change.expires_at <= moment)
        ):
            change = None
        placements.append(PlacementAt(position, position.label, change))
    return placements


# --- What readers see ---------------------------------------------------------------------


@dataclass(frozen=True)
class FrontPage:
    lead: Article | None
    top_stories: list
    page: CursorPage
    # Placed stories the page skips in its feed.
    placed_ids: frozenset

    @property
    def articles(self):
        return [*([self.lead] if self.lead else []), *self.top_stories, *self.page.items]


def card_query():
    """``for_cards()`` of the page's edition without its prefetches: the front prefetches once
    over all its cards."""
    cards = with_section_names(Article.objects.published().in_edition().for_cards())
    return cards.prefetch_related(None), cards._prefetch_related_lookups


def compose_front(*, cursor=None, size=20, now=None):
    """The lead, the top stories and a page of the feed that never repeats a placed story.

    Slots whose story is out of sight (withdrawn, unpublished, not out yet) or whose time ran
    out take the newest stories instead. A continuation page (``cursor``) skips the stories
    that are placed right now, so "Show more" repeats nothing either.
    """
    now = now or timezone.now()
    articles, card_lookups = card_query()
    if cursor:
        active = FrontSlot.objects.active(now).filter(language=current_edition())
        placed_ids = frozenset(active.values_list("article_id", flat=True))
        page = articles.exclude(pk__in=placed_ids).page(cursor, size=size)
        prefetch_related_objects(page.items, *card_lookups)
        return FrontPage(lead=None, top_stories=[], page=page, placed_ids=placed_ids)

    # From the few slots to their stories by primary key, never a walk over the archive.
    placed = articles.filter(
        Q(front_slot__expires_at__isnull=True) | Q(front_slot__expires_at__gt=now),
        front_slot__language=current_edition(),
    ).annotate(front_position=F("front_slot__position"))
    shown = {article.front_position: article for article in placed}
    placed_ids = frozenset(article.pk for article in shown.values())
    unfilled = [position for position in POSITIONS if position not in shown]
    first = articles.exclude(pk__in=placed_ids).page(None, size=size + len(unfilled))
    fill, feed_items = first.items[: len(unfilled)], first.items[len(unfilled) :]
    shown.update(zip(unfilled, fill, strict=False))
    prefetch_related_objects([*shown.values(), *feed_items], *card_lookups)
    top = [shown[position] for position in POSITIONS[1:] if position in shown]
    page = CursorPage(items=feed_items, next_cursor=first.next_cursor)
    return FrontPage(
        lead=shown.get(FrontSlot.Position.LEAD), top_stories=top, page=page, placed_ids=placed_ids
    )
