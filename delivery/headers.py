"""HTTP caching headers: shared caches keep public pages, browsers always revalidate.

``s-maxage`` is what is left of the entry's lifetime, which never passes the next go-live;
``stale-while-revalidate`` is only offered where it too ends before that go-live. The keys
travel as ``xkey`` (Varnish), ``Surrogate-Key`` (Fastly) and ``Cache-Tag`` (Cloudflare), which
the edge strips before readers see them.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

KEY_HEADERS = ("xkey", "Surrogate-Key", "Cache-Tag")
KEY_HEADERS_LOWER = {name.lower() for name in KEY_HEADERS}


def add_key_headers(response, keys):
    keys = sorted(keys)
    response["xkey"] = " ".join(keys)
    response["Surrogate-Key"] = " ".join(keys)
    response["Cache-Tag"] = ",".join(keys)


def shared_cache_control(seconds_left, stale_while_revalidate):
    directives = ["public", "max-age=0", f"s-maxage={seconds_left}"]
    if stale_while_revalidate > 0:
        directives.append(f"stale-while-revalidate={stale_while_revalidate}")
    directives.append(f"stale-if-error={settings.NEWSROOM_STALE_IF_ERROR_SECONDS}")
    return ", ".join(directives)


def stale_allowance(entry):
    """Seconds a shared cache may serve the entry stale while refetching, ending before go-live."""
    allowance = settings.NEWSROOM_STALE_WHILE_REVALIDATE_SECONDS
    if entry.value is not None:
        allowance = min(allowance, int(entry.value - entry.expires_at))
    return max(0, allowance)


def mark_public(response, entry, now):
    response["Cache-Control"] = shared_cache_control(
        entry.seconds_left(now), stale_allowance(entry)
    )
    response.headers.pop("Expires", None)
    # The page is the same whatever cookies an anonymous reader sends (a session cookie
    # bypasses every cache), so only the compression varies.
    response["Vary"] = "Accept-Encoding"
    add_key_headers(response, entry.keys)


def refresh_lifetime(response, entry, now):
    response["Cache-Control"] = shared_cache_control(
        entry.seconds_left(now), stale_allowance(entry)
    )


def mark_uncached_public(response, keys):
    """A public page that could not be cached (page cache off or unreachable): revalidate."""
    response["Cache-Control"] = "no-cache"
    response["Vary"] = "Accept-Encoding"
    add_key_headers(response, keys)


def finish_private(request, response):
    """Anything not shared: staff pages are never stored; others must not reach a shared cache."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # A server error (the database down, say) must not look the user up a second time.
        if response.status_code < 500 and is_staff(request):
            add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    elif not response.has_header("Cache-Control"):
        patch_cache_control(response, no_cache=True)
    return response


def is_staff(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and user.is_staff
