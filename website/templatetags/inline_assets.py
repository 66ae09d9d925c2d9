import posixpath
import re
from functools import cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from website.security import allow_inline

register = template.Library()

# Any of these inside the file would end its <script> or <style> element early.
ELEMENT_ENDINGS = ("</script", "</style", "<!--")
# A stylesheet's url(...) to another of our static files, written relative to the stylesheet.
RELATIVE_URL = re.compile(r"""url\((["']?)(?![a-z]+:|/|#)([^"')]+)\1\)""")


@register.simple_tag
def inline_static(path):
    """A static file's source, to sit in a ``<script>`` or ``<style>`` element of the page.

    Our stylesheet and script are about 4 KB compressed together. Fetched, the stylesheet
    costs a round trip before the first paint, and a browser that lays the page out while it
    waits (Chrome does at DOMContentLoaded, for form autofill) lays it out twice; the script
    runs in a task of its own once its request returns, often after the first paint, which
    phones feel as a blocked main thread. Inline, both are there while the page is parsed.

    The Content-Security-Policy allows the element by the hash of exactly this text, so the tag
    must be the element's whole content: ``<script>{% inline_static "js/site.js" %}</script>``.
    """
    source = read_inline_source(path) if settings.DEBUG else cached_inline_source(path)
    return mark_safe(source)


def read_inline_source(path):
    """The file's text, its hash allowed for the ``<script>`` or ``<style>`` it will fill."""
    source = read_static_source(path)
    if path.endswith(".css"):
        source = resolve_relative_urls(path, source)
    allow_inline("script" if path.endswith(".js") else "style", source)
    return source


def read_static_source(path):
    location = finders.find(path)
    if location is None:
        raise template.TemplateSyntaxError(f"No static file {path!r} to inline")
    with open(location, encoding="utf-8") as handle:
        source = handle.read()
    if any(ending in source.lower() for ending in ELEMENT_ENDINGS):
        raise template.TemplateSyntaxError(f"{path!r} cannot be inlined: it would end its element")
    return source


def resolve_relative_urls(path, source):
    """The stylesheet's relative ``url()``s as static URLs (with their hashed names in production).

    Linked, ``url(../fonts/x.woff2)`` is resolved against the stylesheet's address; inline, it
    would be resolved against the page's, so it is written out as the file's static URL here.
    """

    def static_url(match):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), match[2]))
        return f'url("{static(target)}")'

    return RELATIVE_URL.sub(static_url, source)


# Read and hashed once per process: the files only change with a deployment.
cached_inline_source = cache(read_inline_source)
