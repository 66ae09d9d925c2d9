"""One log line per request, and no tracebacks for requests that were the reader's mistake.

A line reads ``GET /news/some-story/ 200 12.4ms anonymous``. The query string is never logged
(search terms, cursors and tokens stay out of the logs), nor is the token of a shared preview
link, which is a secret in the path itself.
"""

import logging
import time
from urllib.parse import quote

from django.conf import settings
from django.db import DatabaseError

logger = logging.getLogger("website.requests")

# Path arguments that grant access: logged as a placeholder, never as typed.
SECRET_PATH_ARGUMENTS = {"token"}
# What a path may keep as typed; anything else (controls, newlines, spaces) is percent-encoded,
# so a hostile path cannot forge a second log line.
SAFE_PATH_CHARACTERS = "/:@!$&'()*+,;=-._~%"


def loggable_path(request):
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_PATH_ARGUMENTS and isinstance(value, str) and value:
                path = path.replace(value, "…")
    return quote(path, safe=SAFE_PATH_CHARACTERS + "…")


def user_kind(request):
    """``anonymous``, ``staff`` or ``user``, without a query for a reader who has no session.

    A reader without a session cookie is anonymous, whatever the view did; asking the
    authentication middleware would only cost a query, or fail while the database is down.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return "anonymous"
    user = getattr(request, "user", None)
    if user is None:
        return "anonymous"
    try:
        if not user.is_authenticated:
            return "anonymous"
        return "staff" if user.is_staff else "user"
    except DatabaseError:
        return "unknown"


class RequestLogMiddleware:
    """Logs every request once it has its response; outermost, so it times all the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        status = response.status_code
        logger.log(
            logging.WARNING if status >= 500 else logging.INFO,
            "%s %s %s %.1fms %s",
            quote(request.method, safe=""),
            loggable_path(request),
            status,
            duration_ms,
            user_kind(request),
            extra={"status_code": status, "duration_ms": round(duration_ms, 1)},
        )
        return response


class NoTracebackForClientErrors(logging.Filter):
    """Keeps the message of a 4xx record but drops its traceback: a damaged link or a foreign
    Host header is the client's mistake, not ours, and must not bury the real errors."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is None and record.name.startswith("django.security"):
            status = 400
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
