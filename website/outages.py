"""The database is down: readers and the desk get a styled 503, and the site recovers by itself.

Django turns any exception, wherever it is raised (a view, a middleware, a template), into a call
of the 500 handler while the exception is still being handled; this handler looks at it. A lost
or refused database connection is an outage, not a bug: the answer is 503 with ``Retry-After``,
which tells load balancers and crawlers to come back instead of dropping the page.

Recovery needs nothing here. Connections are persistent with health checks
(``conn_health_checks``): a request that finds its connection broken opens a new one, and one
that failed closes it at the end, so the first request after the database returns succeeds.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as plain_server_error

OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_outage(exception):
    return isinstance(exception, OUTAGE_ERRORS)


@never_cache
def server_error(request, template_name="500.html"):
    exception = sys.exc_info()[1]
    if not is_database_outage(exception):
        return plain_server_error(request, template_name)
    return service_unavailable(request)


def service_unavailable(request):
    """The 503 page, rendered without the request's context: context processors would query."""
    html = loader.render_to_string(
        "503.html",
        {
            "at_desk": request.path.startswith("/admin/"),
            "was_saving": request.method not in ("GET", "HEAD", "OPTIONS"),
            "retry_after": RETRY_AFTER_SECONDS,
        },
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
