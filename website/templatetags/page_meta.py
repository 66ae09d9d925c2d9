import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from website.addresses import fixed_address, slug_address
from website.identity import absolute_url as make_absolute
from website.structured_data import without_empty
from website.words import and_list

register = template.Library()

# What could end a <script> element early or open a comment is written as a JSON escape.
SCRIPT_SAFE = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return make_absolute(context["request"], url)


@register.simple_tag
def address(viewname, slug=None):
    """What ``{% url viewname slug %}`` gives for the site's own pages, without the URL walk."""
    return fixed_address(viewname) if slug is None else slug_address(viewname, slug)


@register.filter
def json_ld(data):
    """A JSON-LD script element, with every empty property left out (``without_empty``)."""
    data = without_empty(data)
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.simple_tag
def listed_names(items, strong=False):
    """The items' names as a sentence lists them ("A, B and C"), each in <strong> if asked."""
    names = [item.name for item in items]
    if strong:
        names = [format_html("<strong>{}</strong>", name) for name in names]
    return and_list(names)
