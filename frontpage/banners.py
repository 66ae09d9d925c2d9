"""The breaking-news banner: one at a time, posted by editors, gone by itself when it expires.

A banner that leads to one of our stories knows which (``BreakingBanner.article``): it can only be
posted while readers can see that story, and it ends the moment the story is unpublished.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from articles.models import Article, ArticleSlug
from articles.publishing import story_unpublished
from frontpage.models import BreakingBanner, default_banner_expiry
from frontpage.placing import check_may_steer
from website.editions import current_edition, language_name

BANNER_PERMISSION = "frontpage.change_breakingbanner"
STORY_VIEW = "articles:detail"


def current_banner(now=None, language=None):
    """The banner readers of ``language``'s edition (the page's) see now, or None (the newest
    one still running there)."""
    return (
        BreakingBanner.objects.shown(now)
        .filter(language=language or current_edition())
        .only("text", "url", "expires_at")
        .first()
    )


def linked_story(url):
    """The story of ours that ``url`` leads to (by its address or an old one), or None."""
    parts = urlsplit(url)
    if parts.scheme and (not settings.SITE_URL or not url.startswith(settings.SITE_URL + "/")):
        return None
    # Another edition's address resolves only in its language (i18n_patterns' prefix).
    language = translation.get_language_from_path(parts.path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name != STORY_VIEW:
        return None
    slug = match.kwargs.get("slug", "")
    story = Article.objects.filter(slug=slug).first()
    if story is None:
        old = ArticleSlug.objects.filter(slug=slug).select_related("article").first()
        story = old.article if old else None
    return story


def story_readers_can_follow(url, language=None):
    """The story of ours ``url`` leads to (None for any other page), refused unless it is live
    and, when the banner's edition is named, of that edition."""
    story = linked_story(url)
    if story is not None and not story.is_published():
        state = "withdrawn" if story.withdrawn_at else story.desk_status.replace("_", " ")
        raise ValidationError(
            "“%(headline)s” is not visible to readers (%(state)s): a banner can only lead to a "
            "story that is live.",
            code="story_not_visible",
            params={"headline": story.headline, "state": state},
        )
    if story is not None and language is not None and story.language != language:
        raise ValidationError(
            "“%(headline)s” is in the %(its)s edition: a banner of the %(edition)s edition "
            "leads to a story of its own edition.",
            code="story_of_another_edition",
            params={
                "headline": story.headline,
                "its": language_name(story.language),
                "edition": language_name(language),
            },
        )
    return story


@transaction.atomic
def save_banner(*, banner, editor):
    """Post or amend ``banner``; a running banner replaces any other of its edition, which ends
    now.

    Without an expiry it runs for the default 30 minutes from now. A link to one of our stories
    must lead to one readers can see now.
    """
    check_may_steer(editor, BANNER_PERMISSION)
    if banner.expires_at is None:
        banner.expires_at = default_banner_expiry()
    if banner.pk is None:
        banner.created_by = editor
    banner.full_clean()
    try:
        banner.article = story_readers_can_follow(banner.url, language=banner.language)
    except ValidationError as error:
        raise ValidationError({"url": error.messages}) from error
    banner.save()
    now = timezone.now()
    if banner.is_active(now):
        # Each ended banner is saved on its own so that its change reaches the page cache.
        running = BreakingBanner.objects.active(now).filter(language=banner.language)
        for other in running.exclude(pk=banner.pk).select_for_update():
            other.expires_at = now
            other.save(update_fields=["expires_at"])
    return banner


@transaction.atomic
def end_banner(*, banner, editor):
    """Take ``banner`` down now (it stays on record)."""
    check_may_steer(editor, BANNER_PERMISSION)
    if banner.is_active():
        banner.expires_at = timezone.now()
        banner.save(update_fields=["expires_at"])
    return banner


@receiver(story_unpublished, dispatch_uid="frontpage_banner_follows_its_story")
def end_banners_leading_to(sender, *, article, **kwargs):
    """A banner never leads readers to a story they can no longer see."""
    now = timezone.now()
    ended = []
    for banner in BreakingBanner.objects.active(now).filter(article=article).select_for_update():
        banner.expires_at = now
        banner.save(update_fields=["expires_at"])
        ended.append(banner.text)
    if not ended:
        return None
    return (
        "The breaking banner leading to it was ended: "
        + ", ".join(f"“{text}”" for text in ended)
        + "."
    )
