"""Readers' pages are read with GET and HEAD only; the desk, under the admin, takes the rest.

Every other method passes the edge and the page cache, which keep GET and HEAD alone, so a
public page that answered one would be rendered from the database on every request: a cheap
way to load the site. Such a request is refused here, before a session or the database is read.

The few forms readers send without signing in (a newsletter sign-up, an unsubscribe) are let
through by name: their views are marked with ``accepts_reader_posts`` and take POST only.
"""

from functools import cache

from django.http import HttpResponseNotAllowed
from django.urls import Resolver404, resolve, reverse

READ_METHODS = ("GET", "HEAD")


@cache
def desk_prefix():
    return reverse("admin:index")


def accepts_reader_posts(view):
    """Mark a public view that deliberately answers POST; it must throttle what it does."""
    view.accepts_reader_posts = True
    return view


def takes_reader_posts(request):
    if request.method != "POST":
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "accepts_reader_posts", False)


class ReadOnlySiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in READ_METHODS
            and not request.path.startswith(desk_prefix())
            and not takes_reader_posts(request)
        ):
            return HttpResponseNotAllowed(READ_METHODS)
        return self.get_response(request)
