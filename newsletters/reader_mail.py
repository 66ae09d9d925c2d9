"""The emails a sign-up sends: "confirm your subscription", or, to an address that already
has everything it asked for, a link to its preferences. The page the reader saw was the same
either way; only the owner of the mailbox learns which it was."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from newsletters import mail, tokens
from newsletters.emails import inliner, reader_links
from newsletters.models import SignUp
from newsletters.queue import enqueue
from website.words import and_text

logger = logging.getLogger(__name__)


def sign_up_message(request):
    newsletters = list(request.newsletters.all())
    # In the newsletters' language: the worker sending it has no reader's request to take one from.
    with translation.override(newsletters[0].email_language):
        return _sign_up_message(request, newsletters)


def _sign_up_message(request, newsletters):
    names = and_text(newsletter.name for newsletter in newsletters)
    site = settings.SITE_NAME
    if request.asks_for_nothing_new():
        manage_url, _ = reader_links(request.subscriber, newsletters[0])
        subject = gettext("You already receive {names}").format(names=names)
        paragraphs = [
            gettext(
                "Someone, probably you, asked to subscribe this address to {names} at {site}. "
                "It already receives them, so nothing has changed."
            ).format(names=names, site=site),
            gettext("To choose other newsletters or to unsubscribe, use this link:"),
        ]
        action, action_url = gettext("Choose your newsletters"), manage_url
    else:
        path = reverse("newsletters:confirm", kwargs={"token": tokens.confirmation_token(request)})
        subject = gettext("Confirm your subscription to {names}").format(names=names)
        paragraphs = [
            gettext(
                "Someone, probably you, asked to subscribe this address to {names} at {site}."
            ).format(names=names, site=site),
            gettext("To start receiving them, open the link and press Confirm:"),
        ]
        action, action_url = gettext("Confirm your subscription"), mail.absolute(path)
    small_print = [
        gettext(
            "If you did not ask for this, ignore this email: nothing will be sent to you, and we "
            "will forget this address within a week."
        ),
    ]
    context = {
        "language": newsletters[0].email_language,
        "subject": subject,
        "paragraphs": paragraphs,
        "action": action,
        "action_url": action_url,
        "small_print": small_print,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("newsletters/email/reader.txt", context),
        from_email=newsletters[0].sender,
        to=[request.subscriber.address],
    )
    message.attach_alternative(
        inliner.inline(render_to_string("newsletters/email/reader.html", context)), "text/html"
    )
    return message


def send_sign_up_email(sign_up_pk, *, attempt=0):
    request = SignUp.objects.select_related("subscriber").filter(pk=sign_up_pk).first()
    if request is None or request.confirmed_at is not None:
        return "nothing to send"
    if request.created_at < timezone.now() - tokens.SIGN_UP_LIFETIME:
        return "lapsed"
    try:
        with get_connection() as connection:
            connection.send_messages([sign_up_message(request)])
    except Exception as error:  # Classified: only a failure worth retrying is retried.
        kind, text = mail.classify(error)
        retries = settings.NEWSROOM_NEWSLETTER_RETRY_MINUTES
        if kind != mail.RETRY or attempt >= len(retries):
            logger.warning("Sign-up email %s not sent: %s", sign_up_pk, text)
            return f"not sent: {text}"
        later = timezone.now() + datetime.timedelta(minutes=retries[attempt])
        enqueue(send_sign_up_email_task, sign_up_pk, attempt + 1, run_after=later)
        return f"will try again: {text}"
    return "sent"


@task()
def send_sign_up_email_task(sign_up_pk, attempt=0):
    return send_sign_up_email(sign_up_pk, attempt=attempt)
