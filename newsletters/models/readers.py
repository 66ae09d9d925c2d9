"""Readers' addresses, what they subscribed to, their consent, and the addresses never mailed."""

import secrets

from django.db import models

from newsletters.addresses import address_hash, address_key


def new_link_key():
    return secrets.token_urlsafe(12)


class Subscriber(models.Model):
    """A reader's address. There are no accounts: the reader's links are signed with its key."""

    address = models.CharField(max_length=254)
    address_key = models.CharField(max_length=254, unique=True, editable=False)
    address_hash = models.CharField(max_length=64, db_index=True, editable=False)
    # Part of every signed link: links sent to an address stop working when it is erased.
    link_key = models.CharField(max_length=32, default=new_link_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the reader first confirmed a sign-up."
    )

    class Meta:
        ordering = ["address_key"]

    def __str__(self):
        return self.address

    def save(self, *args, **kwargs):
        self.address_key = address_key(self.address)
        self.address_hash = address_hash(self.address)
        super().save(*args, **kwargs)


class Subscription(models.Model):
    class Status(models.TextChoices):
        SUBSCRIBED = "subscribed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    class Via(models.TextChoices):
        SIGN_UP = "sign_up", "Sign-up form, confirmed by email"
        PREFERENCES = "preferences", "The reader's preferences page"
        LINK = "link", "The unsubscribe link in an email"
        ONE_CLICK = "one_click", "One-click unsubscribe in the mail program"
        PROVIDER = "provider", "The email provider's unsubscribe"
        IMPORT = "import", "Imported list"
        DESK = "desk", "The desk"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        "newsletters.Newsletter", on_delete=models.CASCADE, related_name="subscriptions"
    )
    status = models.CharField(max_length=12, choices=Status.choices)
    subscribed_via = models.CharField(max_length=12, choices=Via.choices)
    subscribed_at = models.DateTimeField()
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_via = models.CharField(max_length=12, choices=Via.choices, blank=True)
    unsubscribed_through = models.ForeignKey(
        "newsletters.Edition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The edition whose link the reader used.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="one_subscription_per_newsletter"
            )
        ]
        indexes = [
            models.Index(fields=["newsletter", "status", "subscriber"], name="subscription_list"),
        ]

    def __str__(self):
        return f"{self.subscriber} — {self.newsletter} ({self.get_status_display().lower()})"


class SignUp(models.Model):
    """A request to subscribe, and once confirmed the record of consent: when, to what, the words
    the reader saw. Unconfirmed ones lapse after a week."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="sign_ups")
    newsletters = models.ManyToManyField("newsletters.Newsletter", related_name="+")
    newsletter_names = models.TextField(help_text="As they were named when the reader chose.")
    consent_text = models.TextField()
    page = models.CharField(max_length=300, blank=True, help_text="Where the form was.")
    # Makes each confirmation link single-use: a replayed link finds it used.
    nonce = models.CharField(max_length=32, default=new_link_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "sign-up"

    def __str__(self):
        return f"{self.subscriber}: {self.newsletter_names}"

    def asks_for_nothing_new(self):
        """Whether everything the sign-up asks for is already the reader's."""
        wanted = {newsletter.pk for newsletter in self.newsletters.all()}
        held = set(
            self.subscriber.subscriptions.filter(status=Subscription.Status.SUBSCRIBED).values_list(
                "newsletter_id", flat=True
            )
        )
        return wanted <= held


class Suppression(models.Model):
    """An address nothing is sent to: it bounced, complained, was refused, or was erased.

    Kept as a hash, so never mailing someone again keeps no copy of their address.
    """

    class Reason(models.TextChoices):
        BOUNCE = "bounce", "Bounced"
        COMPLAINT = "complaint", "Marked as spam"
        REFUSED = "refused", "Refused by the mail server"
        ERASED = "erased", "Erased at the reader's request"
        DESK = "desk", "Suppressed in the desk"

    address_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=12, choices=Reason.choices)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_reason_display()} {self.created_at:%Y-%m-%d}"
