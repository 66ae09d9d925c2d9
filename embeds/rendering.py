"""Embed paragraphs as readers see them: a placeholder until the reader asks for the provider.

``render_embeds(body)`` swaps each paragraph whose embed is resolved for a placeholder (our own
thumbnail rendition, the title, provider and author, a "Load from …" button, and the provider's
frame or quote in an inert ``<template>``); an embed not resolved (yet, or ever) stays the plain
link it is. It reads the stored embeds in one query and loads nothing from a provider. The page
declares ``embed_key(url)`` for every embed link, resolved or not, so resolving one refreshes it,
and allows its providers' frames and scripts in its own CSP only (``allow_providers``).
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from delivery.keys import key
from embeds.links import embed_links
from embeds.models import Embed, embed_key
from website.security import add_sources


@dataclass
class RenderedBody:
    html: str
    keys: set = field(default_factory=set)
    # Resolved embeds shown, in body order, each with its provider.
    shown: list = field(default_factory=list)

    @property
    def providers(self):
        return list(
            {embed.provider_config.name: embed.provider_config for embed in self.shown}.values()
        )

    @property
    def has_embeds(self):
        return bool(self.shown)


def resolved_embeds(urls):
    if not urls:
        return {}
    embeds = Embed.objects.filter(url__in=urls, status=Embed.Status.RESOLVED).select_related(
        "thumbnail"
    )
    return {embed.url: embed for embed in embeds}


def render_embeds(body, *, template="embeds/_placeholder.html"):
    links = embed_links(body)
    rendered = RenderedBody(html=body, keys={embed_key(link.url) for link in links})
    if not links:
        return rendered
    embeds = resolved_embeds({link.url for link in links})
    pieces, position = [], 0
    for link in links:
        embed = embeds.get(link.url)
        if embed is None:
            continue
        embed.provider_config = link.provider
        pieces += [body[position : link.start], placeholder(embed, template)]
        position = link.end
        rendered.shown.append(embed)
        if embed.thumbnail_id:
            rendered.keys.add(key("image", embed.thumbnail_id))
    pieces.append(body[position:])
    rendered.html = "".join(pieces)
    return rendered


def placeholder(embed, template):
    provider = embed.provider_config
    return render_to_string(template, {"embed": embed, "provider": provider}).strip()


def allow_providers(response, rendered):
    """Let this page load the frames and scripts of the providers it shows, and no others."""
    frames = sorted({origin for p in rendered.providers for origin in p.frame_origins})
    scripts = sorted(
        {origin for p in rendered.providers for origin in p.script_origins if p.script}
    )
    if frames:
        add_sources(response, "frame-src", frames)
    if scripts:
        add_sources(response, "script-src", scripts)
    return response
