from functools import cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

register = template.Library()

# Any of these inside the file would end its <script> or <style> element early.
ELEMENT_ENDINGS = ("</script", "</style", "<!--")


@register.simple_tag
def inline_static(path):
    """A static file's source, to sit in a ``<script>`` or ``<style>`` element of the page.

    Our stylesheet and script are about 4 KB compressed together. Fetched, the stylesheet
    costs a round trip before the first paint, and a browser that lays the page out while it
    waits (Chrome does at DOMContentLoaded, for form autofill) lays it out twice; the script
    runs in a task of its own once its request returns, often after the first paint, which
    phones feel as a blocked main thread. Inline, both are there while the page is parsed.
    """
    source = read_static_source(path) if settings.DEBUG else cached_static_source(path)
    return mark_safe(source)


def read_static_source(path):
    location = finders.find(path)
    if location is None:
        raise template.TemplateSyntaxError(f"No static file {path!r} to inline")
    with open(location, encoding="utf-8") as handle:
        source = handle.read()
    if any(ending in source.lower() for ending in ELEMENT_ENDINGS):
        raise template.TemplateSyntaxError(f"{path!r} cannot be inlined: it would end its element")
    return source


cached_static_source = cache(read_static_source)
