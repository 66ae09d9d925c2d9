"""Whether mail can go out, where its links point, and what a failed handover means."""

import smtplib

from anymail.exceptions import AnymailError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

NOT_CONFIGURED = (
    "Mail is not set up: set EMAIL_URL (smtp://…, smtp+tls://… or anymail://provider) and "
    "restart. Nothing was sent."
)
NO_HTTPS_ORIGIN = (
    "Set NEWSROOM_SITE_URL to the site's https:// address: every link in an email, the "
    "unsubscribe link first, needs it. Nothing was sent."
)
DEVELOPMENT_ORIGIN = "http://127.0.0.1:8000"


class MailNotConfigured(Exception):
    pass


class UnconfiguredBackend(BaseEmailBackend):
    """Production without EMAIL_URL: refuse, loudly, rather than drop mail."""

    def send_messages(self, email_messages):
        raise MailNotConfigured(NOT_CONFIGURED)


def mail_unavailable_reason():
    """Why newsletters cannot be sent now, for the desk, the command and the sign-up form."""
    if not settings.NEWSROOM_MAIL_CONFIGURED:
        return NOT_CONFIGURED
    if not settings.DEBUG and not settings.SITE_URL.startswith("https://"):
        return NO_HTTPS_ORIGIN
    return None


def mail_origin():
    """Scheme and host of every link in an email: there is no request to take them from."""
    return settings.SITE_URL or DEVELOPMENT_ORIGIN


def absolute(url):
    return url if url.startswith(("http://", "https://")) else mail_origin() + url


RETRY = "retry"  # the server or the connection: try this message again later
REFUSED = "refused"  # the server refused this address for good: suppress it
FAILED = "failed"  # this message will not go, but the address is not at fault


def classify(error):
    """``(kind, text)`` for an error raised while handing one message over."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()), (450, b""))
        text = f"{code} {reply.decode('utf-8', 'replace') if isinstance(reply, bytes) else reply}"
        return (REFUSED if 500 <= code < 600 else RETRY), text[:300]
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPAuthenticationError):
        # Our own address or login: no reader's address is at fault.
        return RETRY, f"The mail server refused our sender or login: {error}"[:300]
    if isinstance(error, smtplib.SMTPResponseException):
        kind = FAILED if 500 <= error.smtp_code < 600 else RETRY
        return kind, f"{error.smtp_code} {error.smtp_error!r}"[:300]
    if isinstance(error, AnymailRecipientsRefused):
        return REFUSED, str(error)[:300]
    if isinstance(error, AnymailError | OSError | smtplib.SMTPException | MailNotConfigured):
        return RETRY, f"{type(error).__name__}: {error}"[:300]
    raise error
