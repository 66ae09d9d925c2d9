"""The site's URLs plus the benchmark's floor: a bare Django view that returns ``size`` bytes.

The floor does no database or template work, so a page's requests per second divided by the
floor's, at the same size through the same middleware and server, is what the page costs beyond
Django itself.
"""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from newsroom.urls import urlpatterns as site_urlpatterns

FLOOR_MAX_BYTES = 64 * 1024 * 1024
FLOOR_CHUNK = b"<p>The floor: a bare Django view with no database and no template.</p>\n"


def floor_body(size):
    repeats = size // len(FLOOR_CHUNK) + 1
    return (FLOOR_CHUNK * repeats)[:size]


# Never cached: the floor measures Django answering, never a cache answering for it.
@never_cache
def floor(request, size):
    return HttpResponse(
        floor_body(min(size, FLOOR_MAX_BYTES)), content_type="text/html; charset=utf-8"
    )


urlpatterns = [
    path("_bench/floor/<int:size>/", floor, name="bench_floor"),
    *site_urlpatterns,
]
