"""One row per recipient of an edition: the send log, and what makes a send resumable.

A row is unique per (edition, subscriber), so however often a send is started, resumed or run by
several workers at once, each reader has one row, and a row is handed to the mail server only by
the worker that claimed it. ``handing`` marks the one message a worker is handing over right
now: if the worker dies there, nobody can know whether the server took it, and it is never sent
again (the log counts it as unconfirmed) rather than risk a second copy.
"""

from django.db import models


class Delivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting"
        CLAIMED = "claimed", "Being sent"
        HANDING = "handing", "Being handed to the mail server"
        DEFERRED = "deferred", "Will be tried again"
        SENT = "sent", "Handed to the mail server"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not sent: unsubscribed or suppressed meanwhile"
        UNCONFIRMED = "unconfirmed", "Unconfirmed: the worker stopped while handing it over"

    edition = models.ForeignKey(
        "newsletters.Edition", on_delete=models.CASCADE, related_name="deliveries"
    )
    # Erasing a reader keeps the row, and so the edition's counts, but not who it was.
    subscriber = models.ForeignKey(
        "newsletters.Subscriber",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    message_id = models.CharField(max_length=200, blank=True, db_index=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    complained_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "subscriber"], name="one_delivery_each")
        ]
        indexes = [models.Index(fields=["edition", "status", "id"], name="delivery_work")]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.edition} → {self.subscriber or 'erased reader'}: {self.status}"
