"""Readying a server process before it takes its first request.

Django does much of its work once per process, lazily: importing every view and building the
URL lookups, compiling each template, reading the static files' manifest and the inlined
assets, connecting to the database. Left to the first requests, a fresh gunicorn worker makes
its first readers wait several times as long as the next ones (a reader after a deployment, or
the first reader of a new story). ``warm_up()`` does it before the worker serves, and then
asks the application for the pages apps name when ``warm_up_paths_wanted`` is sent (the front
page, the newest story), which also readies the database server's side of the connection.
"""

import io
import logging
import re
import sys

from django.conf import settings
from django.db import DatabaseError, connections
from django.dispatch import Signal
from django.template import Context, TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import URLResolver, get_resolver

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")
INLINE_STATIC_TAG = re.compile(r"""\{%\s*inline_static\s+(["'])([^"']+)\1\s*%\}""")

# Sent with no arguments; a receiver returns paths of public pages worth rendering once before
# serving. ``send_robust``: an app that cannot say (its database is down) only warms up less.
warm_up_paths_wanted = Signal()


def warm_up(application=None):
    """Everything a page needs once per process; a failure here only leaves it to requests.

    With the WSGI ``application``, also requests each registered path once (anonymously).
    """
    populate_url_resolvers(get_resolver())
    for path in inlined_static_paths(compile_templates()):
        render_inline_static(path)
    if "django.contrib.staticfiles" in settings.INSTALLED_APPS:
        from django.contrib.staticfiles.storage import staticfiles_storage

        getattr(staticfiles_storage, "hashed_files", None)  # reads the manifest
    connect_databases()
    if application is not None:
        for path in warm_up_paths():
            request_page(application, path)


def warm_up_paths():
    paths = []
    for receiver, answer in warm_up_paths_wanted.send_robust(sender=None):
        if isinstance(answer, Exception):
            logger.warning("Pages to warm up unknown from %s", receiver, exc_info=answer)
            continue
        paths += [path for path in answer if path not in paths]
    return paths


def request_page(application, path):
    """A GET of ``path`` through the whole application, as a reader over HTTPS would send it."""
    host = next(
        (h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and not h.startswith(".")),
        "localhost",
    )
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_X_FORWARDED_PROTO": "https",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    statuses = []
    try:
        body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
        try:
            for _ in body:
                pass
        finally:
            getattr(body, "close", lambda: None)()
    except Exception:
        logger.exception("Warming up %s failed", path)
        return None
    return statuses[0] if statuses else None


def populate_url_resolvers(resolver):
    resolver.reverse_dict  # noqa: B018 - imports the URLconf and its views, builds the lookups
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            populate_url_resolvers(pattern)


def compile_templates():
    """Compile every template of the project's template folders; returns their sources."""
    sources = []
    for engine in engines.all():
        for folder in getattr(engine, "dirs", []):
            for path in sorted(folder.rglob("*")):
                if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file():
                    continue
                name = path.relative_to(folder).as_posix()
                try:
                    engine.get_template(name)
                except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                    logger.warning("Template %s not compiled ahead of requests", name)
                    continue
                sources.append(path.read_text(encoding="utf-8"))
    return sources


def inlined_static_paths(sources):
    return sorted({match[2] for source in sources for match in INLINE_STATIC_TAG.finditer(source)})


def render_inline_static(path):
    engine = engines["django"].engine
    snippet = '{% load inline_assets %}{% inline_static "' + path + '" %}'
    try:
        engine.from_string(snippet).render(Context())
    except TemplateSyntaxError:
        logger.warning("Static file %s not inlined ahead of requests", path)


def connect_databases():
    for connection in connections.all(initialized_only=False):
        try:
            connection.ensure_connection()
        except DatabaseError:
            # The first request connects, or the health check reports the outage.
            logger.warning("Database %s unreachable while warming up", connection.alias)
