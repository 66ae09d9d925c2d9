"""Photo galleries in rich text: the stored form, its cleaning, and the markup readers get.

A body stores a gallery as a small block that names library images by id, with an optional
caption for this use of each picture:

    <figure data-gallery=""><figure data-image="12"><figcaption>Words</figcaption></figure>
    <figure data-image="7"></figure></figure>

(without the line break). ``clean_galleries`` rewrites whatever nh3 let through into exactly
that form, so ``render_galleries`` can find each block with one pattern and replace it with the
full gallery: every picture through its stored renditions, its caption and credit, and a link
to the largest rendition that static/js/gallery.js turns into a full-screen view. Nothing here
draws a rendition: a reader's request never runs Pillow.
"""

import html
import itertools
import re

from django.template.loader import render_to_string
from django.utils.html import strip_tags

from media.models import Image, caption_with_credit
from media.renditions import get_rendition, picture_specs

# Every stored gallery starts with it (and nothing else in a cleaned body has it).
GALLERY_MARK = '<figure data-gallery="">'
# A gallery holds at most this many pictures; any after them are dropped when it is cleaned.
MAX_GALLERY_IMAGES = 60
IMAGE_ID = re.compile(r"[1-9][0-9]{0,9}")
# What nh3 writes (each attribute name="value", quotes escaped): the tags that open or close a
# figure, and the pieces of a gallery.
FIGURE_TAG = re.compile(r'<(/?)figure((?:\s+[\w:-]+="[^"]*")*)\s*>')
GALLERY_ATTRIBUTE = re.compile(r'\sdata-gallery="[^"]*"')
IMAGE_ATTRIBUTE = re.compile(r'\sdata-image="([^"]*)"')
ITEM = re.compile(
    r'<figure data-image="(?P<id>[0-9]+)">(?:<figcaption>(?P<caption>[^<]*)</figcaption>)?</figure>'
)
GALLERY = re.compile(r'<figure data-gallery="">(?P<items>(?:' + ITEM.pattern + r")+)</figure>")
CAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.DOTALL)


def is_gallery_attribute(element, attribute, value):
    """For nh3's attribute filter: a gallery's two attributes, with the only values they take."""
    if attribute == "data-gallery":
        return "" if element == "figure" else None
    if attribute == "data-image":
        return value if element == "figure" and IMAGE_ID.fullmatch(value) else None
    return value


def gallery_item(image_id, caption=""):
    caption = " ".join(caption.split())
    words = f"<figcaption>{html.escape(caption, quote=False)}</figcaption>" if caption else ""
    return f'<figure data-image="{image_id}">{words}</figure>'


def gallery_block(items):
    """The stored form of a gallery of ``items``, (image id, caption for this use) pairs."""
    inside = "".join(gallery_item(image_id, caption) for image_id, caption in items)
    return f"{GALLERY_MARK}{inside}</figure>" if inside else ""


def clean_galleries(cleaned):
    """``cleaned`` (nh3's output) with every gallery in its one stored form.

    Inside a gallery only its pictures are kept, each with a plain-text caption; a gallery with
    no picture left goes, and a picture's id outside a gallery is dropped from its figure.
    """
    out, position = [], 0
    for match in FIGURE_TAG.finditer(cleaned):
        if match.start() < position or match.group(1):
            continue
        attributes = match.group(2)
        if GALLERY_ATTRIBUTE.search(attributes):
            end = closing_figure(cleaned, match.end())
            out.append(cleaned[position : match.start()])
            out.append(canonical_gallery(cleaned[match.end() : end[0]]))
            position = end[1]
        elif IMAGE_ATTRIBUTE.search(attributes):
            out.append(cleaned[position : match.start()])
            out.append(f"<figure{IMAGE_ATTRIBUTE.sub('', attributes)}>")
            position = match.end()
    out.append(cleaned[position:])
    return "".join(out)


def closing_figure(text, start):
    """Where the figure opened just before ``start`` closes: (its end tag's start, end)."""
    depth = 1
    for match in FIGURE_TAG.finditer(text, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.start(), match.end()
    return len(text), len(text)  # nh3 closes what it opens; this is only for safety


def canonical_gallery(inside):
    items, position = [], 0
    for match in FIGURE_TAG.finditer(inside):
        if match.start() < position or match.group(1):
            continue
        end = closing_figure(inside, match.end())
        position = end[1]
        image = IMAGE_ATTRIBUTE.search(match.group(2))
        if image is None or not IMAGE_ID.fullmatch(image.group(1)):
            continue
        words = CAPTION.search(inside, match.end(), end[0])
        caption = html.unescape(strip_tags(words.group(1))) if words else ""
        items.append(gallery_item(image.group(1), caption))
    if not items:
        return ""
    return GALLERY_MARK + "".join(items[:MAX_GALLERY_IMAGES]) + "</figure>"


def gallery_image_ids(text):
    """The ids of the library images the galleries in ``text`` (a cleaned body) name, in order."""
    ids = {}
    for gallery in GALLERY.finditer(text or ""):
        for item in ITEM.finditer(gallery.group("items")):
            ids.setdefault(int(item.group("id")), None)
    return list(ids)


def gallery_items(text):
    """Each gallery in ``text`` as a list of (image id, caption written for this use)."""
    return [
        [
            (int(item.group("id")), html.unescape(item.group("caption") or ""))
            for item in ITEM.finditer(gallery.group("items"))
        ]
        for gallery in GALLERY.finditer(text or "")
    ]


def missing_images(text):
    """The ids a body's galleries name that no image has any more (deleted from the library)."""
    ids = gallery_image_ids(text)
    found = set(Image.objects.filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk not in found]


def gallery_pictures_gone(ids):
    """What the desk says about pictures a body's galleries name that the library lost."""
    named = ", ".join(f"#{pk}" for pk in ids)
    return (
        f"A gallery in this story names {'pictures' if len(ids) > 1 else 'picture'} {named}, "
        "deleted from the image library since: readers see the gallery without "
        f"{'them' if len(ids) > 1 else 'it'}. Remove {'them' if len(ids) > 1 else 'it'} "
        "from the gallery or pick another picture."
    )


def gallery_words(text):
    """The captions and credits the galleries in ``text`` show, for full-text search."""
    return gallery_words_of([text]).get(text, "")


def gallery_words_of(texts):
    """``{text: gallery_words(text)}`` for many bodies, with one query for all their pictures."""
    ids = {pk for text in texts for pk in gallery_image_ids(text)}
    if not ids:
        return {}
    stored = {
        pk: (caption, credit)
        for pk, caption, credit in Image.objects.filter(pk__in=ids).values_list(
            "pk", "caption", "credit"
        )
    }
    return {text: words_in(text, stored) for text in texts if GALLERY_MARK in (text or "")}


def words_in(text, stored):
    words = []
    for items in gallery_items(text):
        for image_id, caption in items:
            if image_id in stored:
                own_caption, credit = stored[image_id]
                words += [caption or own_caption, credit]
    return " ".join(word for word in words if word)


class ShownPicture:
    """One picture of a gallery as the page shows it."""

    def __init__(self, image, caption):
        self.image = image
        self.caption = caption or image.caption
        self.caption_with_credit = caption_with_credit(self.caption, image.credit)

    @property
    def full_size(self):
        """The full-screen view's picture, and where the link goes without scripts."""
        return get_rendition(self.image, picture_specs(self.image)[-1], "jpeg")

    @property
    def feed_size(self):
        return get_rendition(self.image, picture_specs(self.image, max_width=800)[-1], "jpeg")


def render_galleries(text, template="media/_gallery.html"):
    """``text`` (a cleaned body) with each gallery block replaced by the gallery readers see.

    Feeds pass ``media/_gallery_feed.html``: plain figures for a reader away from our pages.
    One query for the pictures of every gallery on the page. A picture deleted from the library
    is left out; a gallery left with none is left out whole.
    """
    ids = gallery_image_ids(text)
    if not ids:
        return text
    images = Image.objects.in_bulk(ids)
    numbering = itertools.count(1)

    def gallery(match):
        pictures = [
            ShownPicture(images[int(item.group("id"))], html.unescape(item.group("caption") or ""))
            for item in ITEM.finditer(match.group("items"))
            if int(item.group("id")) in images
        ]
        if not pictures:
            return ""
        return render_to_string(template, {"pictures": pictures, "number": next(numbering)}).strip()

    return GALLERY.sub(gallery, text)
