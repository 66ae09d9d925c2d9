"""Readers' pages are read with GET and HEAD only; the desk, under the admin, takes the rest.

Every other method passes the edge and the page cache, which keep GET and HEAD alone, so a
public page that answered one would be rendered from the database on every request: a cheap
way to load the site. Such a request is refused here, before a session or the database is read.
"""

from functools import cache

from django.http import HttpResponseNotAllowed
from django.urls import reverse

READ_METHODS = ("GET", "HEAD")


@cache
def desk_prefix():
    return reverse("admin:index")


class ReadOnlySiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in READ_METHODS and not request.path.startswith(desk_prefix()):
            return HttpResponseNotAllowed(READ_METHODS)
        return self.get_response(request)
