"""Queueing embeds when a body is saved, and resolving one in the worker, once.

``queue_embeds(body)`` is called by the writers of bodies (articles.writing, live updates) in
their transaction: it records each new embed link as pending and has the worker resolve
it once the save has committed. A save never waits for a provider, and a provider that is down
never fails one. ``resolve_embed_now(url)`` is the task's body: idempotent (a resolved embed is
left as it is), safe to run twice at once (a conditional update claims the row; the loser does
nothing), and safe to retry (a failure is recorded, and a later save of the story queues it
again).
"""

import logging
from datetime import timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks_db import DatabaseBackend

from delivery.invalidation import invalidate
from embeds.fetching import FetchError
from embeds.links import embed_urls
from embeds.models import Embed, embed_key
from embeds.providers import provider_for
from embeds.resolving import resolve, store_thumbnail

logger = logging.getLogger(__name__)
# A worker that claimed an embed and then died leaves it claimed: after this, it is retaken.
STALE_CLAIM = timedelta(minutes=5)
# A failed embed (or a pending one whose task was lost) is queued again by a save after this,
# so autosaves every few seconds do not hammer a provider that is down.
RETRY_AFTER = timedelta(minutes=10)


def queue_embeds(body):
    """Queue every embed link of ``body`` that is new, lost, or failed a while ago."""
    urls = embed_urls(body)
    if not urls:
        return []
    now = timezone.now()
    known = {embed.url: embed for embed in Embed.objects.filter(url__in=urls)}
    queued = []
    for url in urls:
        embed = known.get(url)
        if embed is None:
            embed, created = get_or_create_embed(url)
            if created:
                queued.append(url)
                continue
        if is_due(embed, now):
            queued.append(url)
    for url in queued:
        enqueue(url)
    return queued


def enqueue(url):
    """Queue the task so that the worker sees it only once the save has committed.

    The database queue (django-tasks-db) writes the task in the saver's transaction: it commits
    with the story or not at all. Any other backend gets it after the commit.
    """
    from embeds.tasks import resolve_embed

    if isinstance(resolve_embed.get_backend(), DatabaseBackend):
        resolve_embed.enqueue(url)
    else:
        transaction.on_commit(partial(resolve_embed.enqueue, url))


def is_due(embed, now):
    if embed.status in (Embed.Status.PENDING, Embed.Status.FAILED):
        return embed.updated_at <= now - RETRY_AFTER
    if embed.status == Embed.Status.RESOLVING:
        return embed.claimed_at is None or embed.claimed_at <= now - STALE_CLAIM
    return False


def get_or_create_embed(url):
    provider = provider_for(url)
    try:
        with transaction.atomic():
            return Embed.objects.get_or_create(
                url=url, defaults={"provider": provider.name if provider else ""}
            )
    except IntegrityError:
        # Created by another save between our read and our insert.
        return Embed.objects.get(url=url), False


def claim(embed, now):
    """Mark ``embed`` as ours to resolve; False if it is resolved or another worker has it."""
    claimable = Q(status__in=[Embed.Status.PENDING, Embed.Status.FAILED]) | Q(
        status=Embed.Status.RESOLVING, claimed_at__lt=now - STALE_CLAIM
    )
    return bool(
        Embed.objects.filter(claimable, pk=embed.pk).update(
            status=Embed.Status.RESOLVING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def resolve_embed_now(url):
    """Resolve ``url`` unless it is resolved or being resolved; returns what happened."""
    embed, _ = get_or_create_embed(url)
    now = timezone.now()
    if not claim(embed, now):
        return "resolved already" if embed.is_resolved() else "being resolved elsewhere"
    provider = provider_for(url)
    ours = Embed.objects.filter(pk=embed.pk, claimed_at=now, status=Embed.Status.RESOLVING)
    if provider is None:
        return fail(ours, "Not a link to a provider the site embeds.")
    try:
        resolution = resolve(provider, url)
    except FetchError as error:
        return fail(ours, str(error))
    except Exception as error:
        # Whatever a provider's answer broke, the desk sees a reason and the link stays a link.
        logger.exception("Resolving %s failed", url)
        return fail(ours, f"Unexpected error: {type(error).__name__}.")
    thumbnail = None
    if resolution.thumbnail_url:
        try:
            thumbnail = store_thumbnail(
                resolution.thumbnail_url,
                alt_text=resolution.title or f"{provider.label} post",
                credit=resolution.author_name or provider.label,
            )
        except FetchError as error:
            resolution.notes.append(str(error))
    with transaction.atomic():
        written = ours.update(
            status=Embed.Status.RESOLVED,
            provider=provider.name,
            title=resolution.title,
            author_name=resolution.author_name,
            author_url=resolution.author_url,
            thumbnail=thumbnail,
            frame_url=resolution.frame_url,
            width=resolution.width,
            height=resolution.height,
            html=resolution.html,
            error=" ".join(resolution.notes),
            claimed_at=None,
            resolved_at=timezone.now(),
            updated_at=timezone.now(),
        )
        if written:
            invalidate({embed_key(url)})
    if not written and thumbnail is not None:
        thumbnail.delete()
    return "resolved" if written else "being resolved elsewhere"


def fail(ours, reason):
    ours.update(
        status=Embed.Status.FAILED, claimed_at=None, error=reason, updated_at=timezone.now()
    )
    return "failed"
