"""Embed paragraphs in a cleaned body: a paragraph holding nothing but one link to a provider.

The body's sanitiser (nh3) writes every attribute as name="value", so a paragraph is matched
on its cleaned form; a link inside a sentence is a link, never an embed.
"""

import html
import re
from dataclasses import dataclass

from embeds.providers import provider_for

EMBED_PARAGRAPH = re.compile(
    r'<p>\s*<a href="(?P<href>[^"]+)"[^>]*>(?P<text>[^<]*)</a>\s*</p>', re.IGNORECASE
)


@dataclass(frozen=True)
class EmbedLink:
    url: str
    provider: object
    start: int
    end: int


def embed_links(body):
    """Every embed paragraph of ``body``, in order."""
    links = []
    for match in EMBED_PARAGRAPH.finditer(body or ""):
        url = html.unescape(match["href"]).strip()
        provider = provider_for(url)
        if provider is not None:
            links.append(EmbedLink(url, provider, match.start(), match.end()))
    return links


def embed_urls(body):
    return list(dict.fromkeys(link.url for link in embed_links(body)))
