"""One resolved (or failed) embed per link: what the story quoted, kept on our side."""

import hashlib

from django.db import models

from delivery.keys import key


def embed_key(url):
    """The page cache key of every page that shows ``url`` as an embed, resolved or not yet."""
    return key("embed", hashlib.sha256(url.encode()).hexdigest()[:24])


class Embed(models.Model):
    """A provider's post, video or chart, resolved once in the worker and stored.

    Readers are shown what is stored here (never a provider's answer of the moment), so a post
    deleted later still shows what the story quoted, and nothing reaches a provider in their
    request. ``frame_url`` is the provider frame a click loads; ``html`` the provider's quote
    cleaned down to a blockquote, for providers shown by their own script.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the worker"
        RESOLVING = "resolving", "Being resolved"
        RESOLVED = "resolved", "Resolved"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=1000, unique=True)
    provider = models.CharField(max_length=40)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    title = models.CharField(max_length=300, blank=True)
    author_name = models.CharField(max_length=200, blank=True)
    author_url = models.URLField(max_length=1000, blank=True)
    thumbnail = models.ForeignKey(
        "media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    frame_url = models.URLField(max_length=2000, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    html = models.TextField(blank=True)
    # Why the last attempt failed, or what it could not keep (a refused thumbnail).
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # Set by the worker that is resolving it, so a second one at the same time leaves it be.
    claimed_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title or self.url

    @property
    def cache_key(self):
        return embed_key(self.url)

    def is_resolved(self):
        return self.status == self.Status.RESOLVED
