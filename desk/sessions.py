"""Desk sessions end after a quiet spell and, however busy, after a fixed lifetime."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SIGNED_IN_AT = "desk_signed_in_at"
LAST_SEEN_AT = "desk_last_seen_at"
# Noting every request would write the session on every click; a minute's slack is plenty.
SEEN_RESOLUTION_SECONDS = 60
EXPIRY_MESSAGES = {
    "idle": "You were signed out after a while without activity. Please sign in again.",
    "lifetime": "Your desk session reached its time limit. Please sign in again.",
}


@receiver(user_logged_in)
def note_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now


def session_expiry(session, now):
    """Why this signed-in session is over ("idle" or "lifetime"), or None while it is valid."""
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT, signed_in_at)
    if signed_in_at is None:
        # A session from before lifetimes were kept: it cannot prove its age, so it ends.
        return "lifetime"
    if now - signed_in_at >= settings.NEWSROOM_DESK_SESSION_HOURS * 3600:
        return "lifetime"
    if now - last_seen_at >= settings.NEWSROOM_DESK_IDLE_MINUTES * 60:
        return "idle"
    return None


class DeskSessionExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            reason = session_expiry(request.session, now)
            if reason:
                logout(request)
                # Now anonymous, a desk page sends them to the login page, which says why.
                messages.info(request, EXPIRY_MESSAGES[reason])
            elif now - request.session.get(LAST_SEEN_AT, 0) >= SEEN_RESOLUTION_SECONDS:
                request.session[LAST_SEEN_AT] = now
        return self.get_response(request)
