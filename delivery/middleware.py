"""The page cache for anonymous readers, and the HTTP caching headers of every public page.

It sits above sessions and authentication, so a hit skips both: with Redis a hit costs two
Redis round trips and no database query. Only responses whose view declared keys (see
``delivery.keys``) are public; everything else passes through untouched, except that pages for
signed-in users are marked private.
"""

import gzip
import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.http import parse_etags, parse_http_date_safe

from delivery import headers
from delivery.keys import declared_keys
from delivery.store import Entry, PageStore, digest
from delivery.versions import VersionsUnavailable

logger = logging.getLogger(__name__)
CACHEABLE_STATUSES = {200, 301, 410}
NEVER_CACHED_PREFIXES = ("/admin/", "/preview/")
# The only query parameters any public view reads (``p`` is Django's sitemap page); all others
# (utm_*, fbclid, …) share an entry.
PAGE_PARAMETERS = ("before", "fragment", "p", "page", "q")
# Pages reached with a parameter that a visitor can vary freely: stored only within a budget per
# minute, so a flood of made-up cursors or searches cannot crowd out the pages readers share.
OPEN_ENDED_PARAMETERS = ("before", "p", "page", "q")
CSRF_MARKER = b"csrfmiddlewaretoken"


def is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def may_use_cache(request):
    return (
        request.method in ("GET", "HEAD")
        and is_anonymous(request)
        and not without_edition(request.path_info).startswith(NEVER_CACHED_PREFIXES)
    )


def without_edition(path):
    """The path without an edition's prefix: ``/uk/preview/x/`` is a preview as ``/preview/x/``
    is."""
    language = translation.get_language_from_path(path)
    prefix = f"/{language}/" if language else None
    return path[len(prefix) - 1 :] if prefix and path.startswith(prefix) else path


def cache_name(request):
    """The entry's name: host, path, the parameters views read, and the content encoding."""
    parameters = [
        (name, request.GET[name]) for name in PAGE_PARAMETERS if request.GET.get(name, "") != ""
    ]
    encoding = "gzip" if "gzip" in request.headers.get("accept-encoding", "") else "identity"
    return digest(request.scheme, request.get_host(), request.path, urlencode(parameters), encoding)


def open_ended_kind(request):
    for name in OPEN_ENDED_PARAMETERS:
        if request.GET.get(name, "") != "":
            return name
    return None


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            return headers.finish_private(request, self.get_response(request))
        store = name = clock = go_live = None
        if settings.NEWSROOM_PAGE_CACHE:
            try:
                store = PageStore()
                name = cache_name(request)
                entry = store.get(name)
                if entry is not None:
                    return self.respond_from(request, entry)
                # Both read before rendering: a change committed after this clock reading
                # invalidates the entry even if the page was rendered from the data before it,
                # and a go-live passing during the render leaves an entry that is already over.
                clock = store.clock()
                go_live = store.next_go_live()
            except VersionsUnavailable as error:
                logger.warning("Page cache unavailable, serving uncached: %s", error)
                store = None
        started_at = time.time()
        response = self.get_response(request)
        keys = declared_keys(request)
        if not keys or not self.is_shareable(response):
            return headers.finish_private(request, response)
        kind = open_ended_kind(request)
        over_budget = (
            store is not None
            and kind is not None
            and request.method == "GET"
            and not store.within_budget(kind, settings.NEWSROOM_PAGE_CACHE_QUERY_BUDGET)
        )
        if store is None or over_budget:
            # Past the budget a flood is still answered, but no cache keeps it, nor the edge.
            headers.mark_uncached_public(response, keys)
            if over_budget:
                response["X-Cache"] = "miss"
            return self.conditional(request, response, etag_for(response))
        now = time.time()
        lifetime = settings.NEWSROOM_PAGE_CACHE_SECONDS
        if request.GET.get("q", "") != "":
            lifetime = min(lifetime, settings.NEWSROOM_PAGE_CACHE_SEARCH_SECONDS)
        expires_at = started_at + lifetime
        if go_live is not None:
            expires_at = min(expires_at, go_live.timestamp())
        etag = etag_for(response)
        entry = Entry(
            status=response.status_code,
            headers=[],
            content=response.content,
            keys=tuple(sorted(keys)),
            clock=clock,
            created_at=now,
            expires_at=expires_at,
            etag=etag,
            value=go_live.timestamp() if go_live is not None else None,
        )
        headers.mark_public(response, entry, now)
        entry.headers = list(response.items())
        if request.method == "GET":
            store.put(name, entry)
        response["X-Cache"] = "miss"
        return self.conditional(request, response, etag)

    def is_shareable(self, response):
        if response.status_code not in CACHEABLE_STATUSES or response.streaming:
            return False
        if response.cookies or response.has_header("Set-Cookie"):
            return False
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            return False
        return CSRF_MARKER not in response.content

    def respond_from(self, request, entry):
        response = HttpResponse(entry.content, status=entry.status)
        for header, value in entry.headers:
            response[header] = value
        now = time.time()
        headers.refresh_lifetime(response, entry, now)
        response["X-Cache"] = "hit"
        return self.conditional(request, response, entry.etag)

    def conditional(self, request, response, etag):
        """304 for a matching If-None-Match (or, without one, an If-Modified-Since).

        ``Last-Modified`` is sent only where a view dates the page from its content (the
        sitemaps do, from their newest lastmod): the moment a worker happened to render a page
        differs between workers and renders, so every worker and the edge would answer the same
        conditional request differently.
        """
        if etag:
            response["ETag"] = etag
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            return response
        if_none_match = request.headers.get("if-none-match")
        if if_none_match:
            offered = {strip_weak(tag) for tag in parse_etags(if_none_match)}
            matches = etag and (if_none_match.strip() == "*" or strip_weak(etag) in offered)
            return not_modified(response) if matches else response
        since = parse_http_date_safe(request.headers.get("if-modified-since", ""))
        if since is not None and last_modified is not None and int(last_modified) <= since:
            return not_modified(response)
        return response


def strip_weak(etag):
    return etag.removeprefix("W/")


def etag_for(response):
    """A validator for the page itself, the same on every render of the same page.

    Weak, and taken from the page uncompressed: Django's gzip pads each response with random
    bytes against BREACH, so no two renders are byte for byte the same, and it sends a small
    page plain or compressed depending on that padding. The page is the same either way, which
    is what a weak tag says, so every worker and the edge give one answer to one question.
    """
    content = response.content
    if response.get("Content-Encoding", "") == "gzip":
        content = gzip.decompress(content)
    return f'W/"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def not_modified(response):
    unchanged = HttpResponseNotModified()
    for header in ("Cache-Control", "ETag", "Last-Modified", "Vary", "Expires", "X-Cache"):
        if response.has_header(header):
            unchanged[header] = response[header]
    for header, value in response.items():
        if header.lower() in headers.KEY_HEADERS_LOWER:
            unchanged[header] = value
    return unchanged
