"""The language switcher and the ``hreflang`` links, from the page's versions.

A view that knows its page in the other editions puts ``edition_versions`` (``{language:
address}``, the page itself included, only pages readers can see) in the context. Without
it, the switcher leads to the other editions' front pages and the head names no version. A
one-language site shows neither.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import pgettext

from website.addresses import fixed_address
from website.editions import (
    current_edition,
    default_language,
    edition_languages,
    is_multilingual,
    language_name,
)
from website.identity import absolute_url

register = template.Library()


def other_editions(context):
    """(address, code, name) of each other edition: the same page there when it exists, else
    its front."""
    here = current_edition()
    versions = context.get("edition_versions") or {}
    return [
        (versions.get(code) or fixed_address("frontpage:front", code), code, language_name(code))
        for code in edition_languages()
        if code != here
    ]


@register.simple_tag(takes_context=True)
def edition_switcher(context):
    """A link to each other edition, beside the site's name (wider screens)."""
    if not is_multilingual():
        return ""
    items = format_html_join(
        "", '<li><a href="{0}" hreflang="{1}" lang="{1}">{2}</a></li>', other_editions(context)
    )
    return format_html(
        '<nav class="edition-switcher" aria-label="{}"><ul>{}</ul></nav>',
        pgettext("the site in other languages", "Editions"),
        items,
    )


@register.simple_tag(takes_context=True)
def edition_menu_items(context):
    """The same links as the last items of the sections' menu, where phones show them: the
    header's one row has no room beside the name, search and the menu's button."""
    if not is_multilingual():
        return ""
    return format_html_join(
        "",
        '<li class="site-nav__edition"><a href="{0}" hreflang="{1}" lang="{1}">{2}</a></li>',
        other_editions(context),
    )


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """``<link rel="alternate" hreflang>`` for the page and each of its versions, and
    ``x-default``: the default edition's version, or the page itself when it has none.

    Pages kept out of the index (a continuation, search results) name none."""
    versions = context.get("edition_versions")
    if not versions or not is_multilingual() or context.get("is_continuation"):
        return ""
    if context.get("versions_are_indexed") is False:
        return ""
    request = context["request"]
    here = current_edition()
    ordered = [(code, versions[code]) for code in edition_languages() if code in versions]
    default = versions.get(default_language()) or versions.get(here) or ordered[0][1]
    links = [(code, absolute_url(request, address)) for code, address in ordered]
    links.append(("x-default", absolute_url(request, default)))
    return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)
