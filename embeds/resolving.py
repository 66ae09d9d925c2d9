"""Resolving one link: the provider's oEmbed answer (or its documented embed form), cleaned.

Nothing in an answer is trusted. Text fields are kept as plain text (every page escapes them),
the frame must lie on one of the provider's configured origins, a quote shown by the provider's
own script keeps only a blockquote's text and links, and the thumbnail is fetched through the
same checked client and stored through media's upload checks like any upload.
"""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from embeds.fetching import FetchError, fetch
from media.models import Image
from media.uploads import UnreadableUpload
from media.validators import validate_image_upload

JSON_TYPES = ["application/json", "text/json", "text/javascript"]
QUOTE_TAGS = {"blockquote", "p", "a", "br"}
QUOTE_ATTRIBUTES = {"blockquote": {"class", "cite", "lang"}, "p": {"lang", "dir"}, "a": {"href"}}


@dataclass
class Resolution:
    title: str = ""
    author_name: str = ""
    author_url: str = ""
    frame_url: str = ""
    width: int | None = None
    height: int | None = None
    html: str = ""
    thumbnail_url: str = ""
    notes: list = field(default_factory=list)


def plain_text(value, limit):
    """A text field of an answer as plain text: no control characters, at most ``limit``."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    text = "".join(ch for ch in str(value) if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:limit]


def web_address(value):
    if not isinstance(value, str) or len(value) > 1000:
        return ""
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.hostname else ""


def dimension(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= 10000 else None


class FrameFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.frame = None

    def handle_starttag(self, tag, attrs):
        if tag == "iframe" and self.frame is None:
            self.frame = dict(attrs)


def on_origins(url, origins):
    parts = urlsplit(url)
    return parts.scheme == "https" and f"{parts.scheme}://{parts.netloc}" in origins


def resolve(provider, url):
    """What ``provider`` says about ``url``; raises FetchError when there is nothing to show."""
    resolution = Resolution(frame_url=provider.frame_for(url))
    if provider.oembed:
        read_oembed(provider, url, resolution)
    else:
        found = provider.match(url).groupdict()
        resolution.author_name = plain_text(
            found.get("user") or found.get("post", "").split("/")[0], 200
        )
    if not resolution.frame_url and not resolution.html:
        raise FetchError(f"{provider.label} gave no frame or quote that the site can show.")
    return resolution


def read_oembed(provider, url, resolution):
    query = urlencode({"url": url, "format": "json", "maxwidth": 1280})
    separator = "&" if "?" in provider.oembed else "?"
    answer = fetch(f"{provider.oembed}{separator}{query}", accept=JSON_TYPES)
    try:
        data = json.loads(answer.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FetchError(f"{provider.label} answered something that is not oEmbed JSON.") from error
    if not isinstance(data, dict) or data.get("type") not in ("video", "rich", "photo", "link"):
        raise FetchError(f"{provider.label} answered something that is not oEmbed JSON.")
    resolution.title = plain_text(data.get("title"), 300)
    resolution.author_name = plain_text(data.get("author_name"), 200)
    resolution.author_url = web_address(data.get("author_url"))
    resolution.thumbnail_url = web_address(data.get("thumbnail_url"))
    resolution.width = dimension(data.get("width"))
    resolution.height = dimension(data.get("height"))
    markup = data.get("html") if isinstance(data.get("html"), str) else ""
    if not resolution.frame_url and markup:
        finder = FrameFinder()
        finder.feed(markup)
        src = web_address((finder.frame or {}).get("src"))
        if src and on_origins(src, provider.frame_origins):
            resolution.frame_url = src
            resolution.width = dimension(finder.frame.get("width")) or resolution.width
            resolution.height = dimension(finder.frame.get("height")) or resolution.height
        elif src:
            resolution.notes.append(f"Its frame {src} is not on {provider.label}'s origins.")
    if provider.script and markup and not resolution.frame_url:
        quote = nh3.clean(
            markup,
            tags=QUOTE_TAGS,
            attributes=QUOTE_ATTRIBUTES,
            url_schemes={"https"},
            link_rel="noopener noreferrer",
            strip_comments=True,
        ).strip()
        if quote.startswith("<blockquote"):
            resolution.html = quote


def store_thumbnail(url, *, alt_text, credit):
    """The thumbnail at ``url`` as a media Image with renditions; raises FetchError if refused."""
    answer = fetch(url, accept=["image/"], max_bytes=settings.NEWSROOM_EMBED_MAX_THUMBNAIL_BYTES)
    upload = ContentFile(answer.content, name="embed-thumbnail.jpg")
    try:
        validate_image_upload(upload)
    except ValidationError as error:
        raise FetchError(f"Thumbnail refused: {' '.join(error.messages)}") from error
    image = Image(alt_text=alt_text[:300] or "Thumbnail", credit=credit[:200])
    image.file = upload
    try:
        image.save()
    except UnreadableUpload as error:
        raise FetchError(f"Thumbnail refused: {error}") from error
    return image
