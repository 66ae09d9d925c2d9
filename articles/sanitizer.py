"""The allow-list for article bodies: what a newsroom writes, and nothing that runs or tracks."""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

from media.galleries import clean_galleries, is_gallery_attribute

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "figcaption", "figure", "h2",
    "h3", "h4", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    # A photo gallery and its pictures, named by id (media/galleries.py); nothing else.
    "figure": {"data-gallery", "data-image"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# nh3 writes every attribute as name="value" with quotes escaped, so an image tag ends at the
# first ">" outside a quoted value.
IMAGE_TAG = re.compile(r'<img(?:\s+[\w:-]+="[^"]*")*\s*/?>')
IMAGE_SOURCE = re.compile(r'\ssrc="')


def url_prefix(url):
    """MEDIA_URL or STATIC_URL as a prefix a body's image address can start with."""
    if urlsplit(url).netloc:
        return url
    return "/" + url.strip("/") + "/"


def is_own_image(src):
    """Whether an image address points at our uploads or static files, or an allowed host.

    Anything else, a pixel on a tracker's host above all, would tell a third party who reads what.
    """
    if any(src.startswith(url_prefix(url)) for url in (settings.MEDIA_URL, settings.STATIC_URL)):
        return "\\" not in src
    parts = urlsplit(src)
    return parts.scheme in {"http", "https"} and (parts.hostname or "") in {
        host.lower() for host in settings.NEWSROOM_BODY_IMAGE_HOSTS
    }


def keep_own_images(element, attribute, value):
    if element == "img" and attribute == "src" and not is_own_image(value):
        return None
    return is_gallery_attribute(element, attribute, value)


def drop_images_without_source(html):
    return IMAGE_TAG.sub(
        lambda match: match.group() if IMAGE_SOURCE.search(match.group()) else "", html
    )


def sanitize_html(html):
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=keep_own_images,
    )
    return clean_galleries(drop_images_without_source(cleaned)).strip()
