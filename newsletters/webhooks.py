"""The email provider's reports, through django-anymail's signed tracking webhooks: a bounce or a
spam complaint suppresses the address, an unsubscribe through the provider leaves the
newsletter, and each lands on the edition's send log. Opens and clicks are not tracked.

Only the provider named in EMAIL_URL (``anymail://mailgun``) has a webhook here, at
``/newsletters/webhooks/<provider>/tracking/``; anymail checks its signature (Mailgun, SendGrid,
Postmark's basic auth, ...) and a request that fails it gets 400 and changes nothing. A provider
whose signing key is missing answers 503: unsigned reports are never believed.
"""

import logging

from anymail.exceptions import AnymailConfigurationError
from anymail.signals import EventType, RejectReason, tracking
from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

from newsletters import subscriptions
from newsletters.models import Delivery, Subscription, Suppression
from website.read_only import accepts_reader_posts

logger = logging.getLogger(__name__)
TRACKING_VIEWS = {
    "amazon_ses": "anymail.webhooks.amazon_ses.AmazonSESTrackingWebhookView",
    "brevo": "anymail.webhooks.brevo.BrevoTrackingWebhookView",
    "mailersend": "anymail.webhooks.mailersend.MailerSendTrackingWebhookView",
    "mailgun": "anymail.webhooks.mailgun.MailgunTrackingWebhookView",
    "mailjet": "anymail.webhooks.mailjet.MailjetTrackingWebhookView",
    "postal": "anymail.webhooks.postal.PostalTrackingWebhookView",
    "postmark": "anymail.webhooks.postmark.PostmarkTrackingWebhookView",
    "resend": "anymail.webhooks.resend.ResendTrackingWebhookView",
    "sendgrid": "anymail.webhooks.sendgrid.SendGridTrackingWebhookView",
    "sparkpost": "anymail.webhooks.sparkpost.SparkPostTrackingWebhookView",
}
SUPPRESSING_REJECTIONS = {RejectReason.BOUNCED, RejectReason.INVALID, RejectReason.SPAM}


@accepts_reader_posts
@csrf_exempt
def tracking_webhook(request, provider):
    if provider != settings.NEWSROOM_EMAIL_PROVIDER or provider not in TRACKING_VIEWS:
        raise Http404("No webhook for this provider here.")
    try:
        view = import_string(TRACKING_VIEWS[provider]).as_view()
        return view(request)
    except AnymailConfigurationError as error:
        logger.error("The %s webhook is not set up, report refused: %s", provider, error)
        return HttpResponse("Webhook not configured.\n", status=503, content_type="text/plain")


def find_delivery(event):
    reference = (event.metadata or {}).get("delivery")
    if reference and str(reference).isdigit():
        delivery = Delivery.objects.filter(pk=int(reference)).first()
        if delivery is not None:
            return delivery
    if event.message_id:
        return Delivery.objects.filter(message_id=event.message_id).first()
    return None


@receiver(tracking, dispatch_uid="newsletters_provider_event")
def provider_event(sender, event, esp_name, **kwargs):
    record_event(event)


@transaction.atomic
def record_event(event):
    delivery = find_delivery(event)
    now = timezone.now()
    address = event.recipient or (
        delivery.subscriber.address if delivery and delivery.subscriber else None
    )
    kind = event.event_type
    if kind == EventType.BOUNCED or (
        kind == EventType.REJECTED and event.reject_reason in SUPPRESSING_REJECTIONS
    ):
        if address:
            subscriptions.suppress(
                address=address,
                reason=Suppression.Reason.BOUNCE,
                detail=f"{esp_label()}: {event.description or event.mta_response or kind}",
            )
        if delivery is not None and delivery.bounced_at is None:
            Delivery.objects.filter(pk=delivery.pk).update(bounced_at=now)
    elif kind == EventType.COMPLAINED:
        if address:
            subscriptions.suppress(
                address=address,
                reason=Suppression.Reason.COMPLAINT,
                detail=f"{esp_label()}: marked as spam",
            )
        if delivery is not None and delivery.complained_at is None:
            Delivery.objects.filter(pk=delivery.pk).update(complained_at=now)
    elif kind == EventType.UNSUBSCRIBED:
        subscriber = delivery.subscriber if delivery is not None else None
        subscriber = subscriber or (address and subscriptions.find_subscriber(address))
        if not subscriber:
            return
        if delivery is not None:
            subscriptions.unsubscribe_through(
                subscriber=subscriber, edition=delivery.edition, via=Subscription.Via.PROVIDER
            )
        else:
            subscriptions.choose_newsletters(
                subscriber=subscriber, chosen=[], via=Subscription.Via.PROVIDER
            )


def esp_label():
    return settings.NEWSROOM_EMAIL_PROVIDER or "provider"
