"""Security headers: the Content-Security-Policy (one policy for reader pages, one for the desk),
and the few headers Django does not send.

Reader pages carry their stylesheet and script inline (see ``inline_static``). They are allowed by
the sha256 of their exact text rather than by a nonce: a nonce must change with every response,
and reader pages are cached and served to many readers from one copy. A hash names the content
itself, so a cached page and its header stay true for every reader, and text injected into a
page never matches.

The desk (Django admin and its body editor) needs more: the editor's stylesheet is injected at
run time and its modules are found through an inline import map. Its policy keeps scripts to our
own files plus that import map's hash, and allows inline styles, which cannot run code.
"""

import base64
import hashlib
import re
import threading
from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

# Directive each kind of inline element is allowed by.
INLINE_DIRECTIVES = {"script": "script-src", "style": "style-src"}
# Every hash the inline tags have produced in this process. They are few: the handful of files
# the templates inline, each with one content per deployment (more in DEBUG as files are edited).
inline_hashes = {directive: set() for directive in INLINE_DIRECTIVES.values()}
inline_hashes_lock = threading.Lock()
IMPORT_MAP = re.compile(r'<script type="importmap"[^>]*>(.*?)</script>', re.S)
# Sources a page adds to its own policy (an embed's provider frames and scripts), carried by the
# response itself so that the page cache keeps them with the page: a hit answers the same policy.
# Read and removed here, on the way out; readers never see it.
EXTRA_SOURCES_HEADER = "X-Newsroom-CSP-Sources"
DIRECTIVE_SOURCES = re.compile(r"^(frame-src|script-src|img-src)((?: https://[A-Za-z0-9.:-]+)+)$")


def source_hash(text):
    """The CSP source expression that allows an inline element with exactly this text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def allow_inline(kind, text):
    """Lets an inline ``<script>`` or ``<style>`` element with this text run on our pages."""
    expression = source_hash(text)
    with inline_hashes_lock:
        inline_hashes[INLINE_DIRECTIVES[kind]].add(expression)


def allowed_inline_hashes():
    with inline_hashes_lock:
        return {directive: sorted(hashes) for directive, hashes in inline_hashes.items()}


@cache
def desk_import_map_hash():
    """The hash of the import map django-prose-editor renders on desk forms.

    Rendered once per process from the editor's own media, the way the admin renders it, so it
    follows the editor's version and the static files' hashed names.
    """
    from django_prose_editor.widgets import AdminProseEditorWidget

    match = IMPORT_MAP.search(str(AdminProseEditorWidget().media))
    return [source_hash(match[1])] if match else []


def add_sources(response, directive, sources):
    """Allow ``sources`` (https origins) in ``directive`` on this one response."""
    parts = [part for part in response.get(EXTRA_SOURCES_HEADER, "").split(";") if part]
    parts.append(" ".join([directive, *sources]))
    response[EXTRA_SOURCES_HEADER] = ";".join(parts)


def extra_sources(response):
    """The sources the response asked for, taken off it; anything malformed is ignored."""
    value = response.get(EXTRA_SOURCES_HEADER, "")
    if response.has_header(EXTRA_SOURCES_HEADER):
        del response[EXTRA_SOURCES_HEADER]
    sources = {}
    for part in value.split(";"):
        match = DIRECTIVE_SOURCES.match(part.strip())
        if match:
            sources.setdefault(match[1], []).extend(match[2].split())
    return {directive: sorted(set(found)) for directive, found in sources.items()}


def is_desk(request):
    return request.path_info.startswith(tuple(settings.NEWSROOM_CSP_DESK_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy by path and adding the inline hashes.

    ``NEWSROOM_CSP_REPORT_ONLY`` sends the same policy as report-only instead (browsers report
    what it would block and block nothing). A view's own ``@csp_update``/``@csp_replace`` and
    ``@csp_exempt`` decorators keep working on top of it.
    """

    def process_response(self, request, response):
        response._newsroom_sources = extra_sources(response)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only != settings.NEWSROOM_CSP_REPORT_ONLY:
            # The header this mode does not send; django-csp's settings are not set, so it
            # stays empty unless a view asked for one.
            return parts
        if parts.config is None:
            directives = settings.NEWSROOM_CSP_DESK if is_desk(request) else settings.NEWSROOM_CSP
            parts.config = default_config(directives)
        # The desk allows inline styles, which any hash in style-src would switch off again.
        allowed = (
            {"script-src": desk_import_map_hash()} if is_desk(request) else allowed_inline_hashes()
        )
        for directive, hashes in (parts.update or {}).items():
            allowed[directive] = [*allowed.get(directive, []), *hashes]
        for directive, sources in getattr(response, "_newsroom_sources", {}).items():
            allowed[directive] = [*allowed.get(directive, []), *sources]
        parts.update = allowed
        return parts


def permissions_policy(denied):
    return ", ".join(f"{feature}=()" for feature in denied)


def embeddable_prefixes():
    """Paths of this origin that other sites, feed readers and mail may embed: static files
    and uploads (the logo, the share image, the renditions a feed or a shared link shows)."""
    prefixes = []
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        parts = urlsplit(url)
        # On another origin (a CDN), its headers are that origin's business.
        if not parts.netloc and parts.path.startswith("/"):
            prefixes.append(parts.path)
    return tuple(prefixes)


class SecurityHeadersMiddleware:
    """What every response says besides its CSP, hits of the page cache and static files too.

    ``Permissions-Policy`` switches off browser features the site never uses (a script that
    slipped in could not reach them either); ``X-Permitted-Cross-Domain-Policies: none`` keeps
    Flash and PDF readers from loading cross-domain policies from us; and
    ``Cross-Origin-Resource-Policy`` keeps other sites from embedding our pages and responses,
    except the pictures and static files that are made to be embedded.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy(settings.NEWSROOM_PERMISSIONS_POLICY_DENIED)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("X-Permitted-Cross-Domain-Policies", "none")
        embeddable = request.path.startswith(embeddable_prefixes())
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", "cross-origin" if embeddable else "same-origin"
        )
        return response
