"""Rendition sizes, how they are drawn, and how a page finds them.

A spec names a width and an optional crop: ``w800`` is 800 px wide at the picture's own shape,
``1x1-w1200`` is a square 1200 px wide, cut around the picture's focal point (its centre when
it has none). Every rendition the site shows is drawn when the picture is saved, from one decoded
copy of the original (``draw_renditions``), and stored through Django's storage API; a new focal
point redraws the crops in the worker (``media/cropping.py``). A reader's request only looks them
up (``get_rendition``): it never runs Pillow and never waits for a file to be made.
"""

import functools
import io
import math
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from PIL import Image as PILImage
from PIL import ImageOps

WIDTHS = (400, 800, 1200, 1600)
SHARE_WIDTH = 1200
# Google's Article rich results ask for these three shapes, each at least 1200 px wide.
STRUCTURED_DATA_CROPS = ("16x9", "4x3", "1x1")
# How the site's pages show pictures: the ``picture`` tag's crop and the widest it offers
# (lead image at full width, cards in 16:9, bylines as squares). A template that asks for
# another shape is served the nearest stored rendition; add the shape here to give it its own.
PICTURE_SHAPES = {"": WIDTHS[-1], "16x9": 800, "1x1": 400}
# The card a link to a story shows where it is shared: 1200 x 630, the 1.91:1 shape Facebook,
# LinkedIn and X's large card show. Cut by us around the focal point; a platform left to cut an
# uncropped picture would cut around the centre.
SOCIAL_CARD = f"40x21-w{SHARE_WIDTH}"
# Single JPEGs for metadata: og:image, the structured-data crops, an author's share picture.
METADATA_SPECS = (
    f"w{SHARE_WIDTH}",
    SOCIAL_CARD,
    *(f"{crop}-w{SHARE_WIDTH}" for crop in STRUCTURED_DATA_CROPS),
    "1x1-w400",
)
FORMATS = {"webp": ("WEBP", "image/webp"), "jpeg": ("JPEG", "image/jpeg")}
QUALITY = {"WEBP": 80, "JPEG": 82}
SPEC_PATTERN = re.compile(r"^(?:(\d{1,2})x(\d{1,2})-)?w(\d{2,4})$")
# Each output is resampled from a copy at least this many times its size: a box-reduced
# intermediate is fast to make, and Lanczos from 1.5x keeps the renditions sharp.
REDUCING_GAP = 1.5
LANCZOS = PILImage.Resampling.LANCZOS
ENCODING_THREADS = min(4, os.cpu_count() or 1)
# Modes whose colour profile still describes the rendition (an RGB or grey one stays RGB or
# grey); a CMYK or grey-with-alpha profile would be wrong once the picture is flattened to RGB.
SAME_PROFILE_MODES = {"RGB", "RGBA", "P", "L"}


@dataclass(frozen=True)
class FocalPoint:
    """What every crop keeps in frame: a point, and maybe an area centred on it.

    All are fractions of the upright picture: ``x`` 0 at the left edge, 1 at the right.
    """

    x: float
    y: float
    width: float | None = None
    height: float | None = None


@dataclass(frozen=True)
class Spec:
    width: int
    crop: tuple[int, int] | None = None

    @classmethod
    @functools.lru_cache(maxsize=256)  # A page asks for the same few specs for every picture.
    def parse(cls, name):
        match = SPEC_PATTERN.match(name)
        if not match:
            raise ValueError(f"Unknown rendition spec {name!r}")
        crop = (int(match[1]), int(match[2])) if match[1] else None
        return cls(width=int(match[3]), crop=crop)

    @property
    def name(self):
        return f"{self.crop_name}-w{self.width}" if self.crop else f"w{self.width}"

    @property
    def crop_name(self):
        return f"{self.crop[0]}x{self.crop[1]}" if self.crop else ""

    def target_size(self, source_width, source_height):
        """Never upscale: a small original gives a smaller rendition, not a blurry one."""
        if self.crop:
            ratio_w, ratio_h = self.crop
            width = min(self.width, source_width, source_height * ratio_w // ratio_h)
            return width, max(1, round(width * ratio_h / ratio_w))
        width = min(self.width, source_width)
        return width, max(1, round(source_height * width / source_width))

    def source_box(self, source_width, source_height, focal_point=None):
        """The part of the source this spec shows: all of it, or the largest crop of its shape.

        The crop is centred on ``focal_point`` (on the picture's centre without one) and moved
        back inside the picture where it would cross an edge. Centred on the point, it holds
        the whole focal area whenever the area fits in it: moving the crop to an edge keeps
        an area that lies inside the picture.
        """
        if not self.crop:
            return (0, 0, source_width, source_height)
        ratio_w, ratio_h = self.crop
        if source_width * ratio_h > source_height * ratio_w:
            width, height = source_height * ratio_w / ratio_h, source_height
        else:
            width, height = source_width, source_width * ratio_h / ratio_w
        centre_x, centre_y = (
            (focal_point.x * source_width, focal_point.y * source_height)
            if focal_point
            else (source_width / 2, source_height / 2)
        )
        left = min(max(centre_x - width / 2, 0), source_width - width)
        top = min(max(centre_y - height / 2, 0), source_height - height)
        return (left, top, left + width, top + height)


def widths_for(image):
    """The srcset widths worth offering for ``image``: none wider than the original."""
    if not image.width:
        return list(WIDTHS[:1])
    widths = [width for width in WIDTHS if width < image.width]
    # A picture narrower than the largest width is also offered at its own full size.
    return widths if image.width > WIDTHS[-1] else [*widths, image.width]


def picture_specs(image, crop="", max_width=0):
    """The spec names the ``picture`` tag offers for ``image`` in one shape, narrowest first."""
    widths = widths_for(image)
    widths = [width for width in widths if not max_width or width <= max_width] or [min(widths)]
    prefix = f"{crop}-" if crop else ""
    return [f"{prefix}w{width}" for width in widths]


def site_specs(image):
    """Every (spec, format) the site shows of ``image``.

    Two picture sizes that come out the same (``16x9-w400`` and ``16x9-w800`` of a short
    picture) are drawn once; ``get_rendition`` finds the other by its size. The metadata specs
    are always stored under their own names, which feeds and structured data ask for.
    """
    if not image.width or not image.height:
        return []  # size unknown (a file that never opened): nothing can be drawn to size
    distinct = {}
    for crop, widest in PICTURE_SHAPES.items():
        for name in picture_specs(image, crop, widest):
            spec = Spec.parse(name)
            for image_format in FORMATS:
                size = spec.target_size(image.width, image.height)
                distinct.setdefault((spec.crop, image_format, size), (spec, image_format))
    specs = list(distinct.values())
    named = {(spec.name, image_format) for spec, image_format in specs}
    specs += [(Spec.parse(n), "jpeg") for n in METADATA_SPECS if (n, "jpeg") not in named]
    return specs


def open_for_renditions(handle, specs):
    """Decode a stored original only as finely as the largest rendition needs.

    JPEG decoding scales by 1/2, 1/4 or 1/8 for free (``draft``), which makes a 24-megapixel
    camera original several times faster to draw from.
    """
    picture = PILImage.open(handle)
    width, height = oriented_size(picture)
    needed = largest_scale(specs, width, height) * REDUCING_GAP
    if picture.format == "JPEG" and needed < 1:
        raw_width, raw_height = picture.size
        picture.draft("RGB", (math.ceil(raw_width * needed), math.ceil(raw_height * needed)))
    picture = ImageOps.exif_transpose(picture)
    return picture, (width, height)


def oriented_size(picture):
    width, height = picture.size
    orientation = picture.getexif().get(0x0112, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def largest_scale(specs, width, height):
    scales = [1 / 1_000_000]
    for spec, _ in specs:
        left, _, right, _ = spec.source_box(width, height)
        scales.append(spec.target_size(width, height)[0] / (right - left))
    return min(1, max(scales))


def draw_renditions(picture, specs, full_size=None, focal_point=None):
    """``(spec, format, content, (width, height))`` for each spec, from one decoded picture.

    ``picture`` is already oriented; ``full_size`` is the original's oriented size when
    ``picture`` was decoded smaller (sizes are always those the full original would give).
    Crops are cut around ``focal_point`` (a FocalPoint, or None for the centre).
    The picture is resampled once, to the smallest size every spec can still be cut from; each
    crop is cut from that copy at its largest size, its smaller sizes from that, and they are
    encoded in parallel (Pillow lets go of the GIL while it encodes).
    """
    full_width, full_height = full_size or picture.size
    icc_profile = picture.info.get("icc_profile") if picture.mode in SAME_PROFILE_MODES else None
    if picture.mode not in ("RGB", "L"):
        picture = flatten(picture)
    scale = largest_scale(specs, full_width, full_height)
    picture = reduced(picture, scale * full_width)
    needed = (math.ceil(full_width * scale), math.ceil(full_height * scale))
    if picture.width > needed[0]:
        picture = picture.resize(needed, LANCZOS)
    scale_x = picture.width / full_width
    scale_y = picture.height / full_height
    largest = {}
    for spec, _ in specs:
        size = spec.target_size(full_width, full_height)
        if size[0] > largest.get(spec.crop, (0, 0))[0]:
            largest[spec.crop] = size
    resized = {}
    for crop, size in largest.items():
        box = Spec(width=size[0], crop=crop).source_box(full_width, full_height, focal_point)
        box = (box[0] * scale_x, box[1] * scale_y, box[2] * scale_x, box[3] * scale_y)
        resized[crop, size] = picture.resize(size, LANCZOS, box=box)
    for spec, _ in specs:
        size = spec.target_size(full_width, full_height)
        if (spec.crop, size) not in resized:
            resized[spec.crop, size] = resized[spec.crop, largest[spec.crop]].resize(size, LANCZOS)

    def draw(item):
        spec, image_format = item
        size = spec.target_size(full_width, full_height)
        return spec, image_format, encode(resized[spec.crop, size], image_format, icc_profile), size

    with ThreadPoolExecutor(max_workers=ENCODING_THREADS) as pool:
        return list(pool.map(draw, specs))


def reduced(picture, needed_width):
    """A box-filtered copy still REDUCING_GAP times wider than ``needed_width``."""
    factor = int(picture.width / (needed_width * REDUCING_GAP))
    return picture.reduce(factor) if factor > 1 else picture


def encode(picture, image_format, icc_profile=None):
    pillow_format, _ = FORMATS[image_format]
    options = {"quality": QUALITY[pillow_format]}
    if pillow_format == "JPEG":
        options.update(optimize=True, progressive=True)
    if icc_profile:
        # Kept so a wide-gamut (Display P3, Adobe RGB) photo keeps its colours.
        options["icc_profile"] = icc_profile
    output = io.BytesIO()
    picture.save(output, pillow_format, **options)
    return output.getvalue()


def flatten(picture):
    """JPEG has no transparency: put transparent pixels on white rather than black."""
    picture = picture.convert("RGBA")
    background = PILImage.new("RGB", picture.size, (255, 255, 255))
    background.paste(picture, mask=picture.getchannel("A"))
    return background


def get_rendition(image, spec_name, image_format="jpeg"):
    """The stored rendition of ``image`` nearest to what was asked for; never makes one.

    Reads the image's own ``rendition_index`` (no query), or for an image not indexed (or
    loaded without it) ``image.renditions.all()`` once per image object. When the exact
    rendition is missing (an image saved before renditions were made on save, or a shape no one
    declared), the page gets the nearest stored one: the same crop and format first, then the
    same crop, then any; with none at all, the original itself (an unsaved stand-in with its
    file and size).
    """
    spec = Spec.parse(spec_name)
    stored = image.__dict__.get("_renditions_by_key")
    if stored is None:
        stored = stored_renditions(image)
        image.__dict__["_renditions_by_key"] = stored
    exact = stored.get((spec.name, image_format))
    if exact is not None:
        return exact
    return nearest(image, spec, image_format, stored.values()) or original_stand_in(image)


class IndexedRendition:
    """A stored rendition as the image's index describes it: what pages read of a Rendition.

    Its ``file`` is made when read: a card reads a few of the image's dozen or more renditions.
    """

    __slots__ = ("spec", "format", "width", "height", "_file_name", "_field", "_file")

    def __init__(self, spec, image_format, width, height, file_name, field):
        self.spec, self.format, self.width, self.height = spec, image_format, width, height
        self._file_name, self._field, self._file = file_name, field, None

    @property
    def file(self):
        if self._file is None:
            self._file = FieldFile(None, self._field, self._file_name)
        return self._file

    def __repr__(self):
        return f"<IndexedRendition {self.spec}.{self.format} {self._file_name}>"


def file_url(file):
    """``file.url``; on file-system storage remembered, as it depends only on name and base URL.

    A page of cards asks for about a hundred rendition addresses; each ``url`` call joins and
    quotes the name again. Other storages (signed object-storage URLs) are asked every time.
    """
    storage = file.storage
    if isinstance(storage, FileSystemStorage):
        return _file_system_url(storage, storage.base_url, file.name)
    return file.url


@functools.lru_cache(maxsize=8192)
def _file_system_url(storage, base_url, name):
    # ``base_url`` is in the key: it follows MEDIA_URL, which tests and mounted sites change.
    return storage.url(name)


def stored_renditions(image):
    """``{(spec, format): rendition}`` of what is stored for ``image``."""
    index = image.__dict__.get("rendition_index")  # absent when deferred: never a query
    if index is None:
        return {(r.spec, r.format): r for r in image.renditions.all()}
    field = image._meta.get_field("renditions").related_model._meta.get_field("file")
    stored = {}
    for name, (file_name, width, height) in index.items():
        spec, _, image_format = name.rpartition(".")
        stored[spec, image_format] = IndexedRendition(
            spec, image_format, width, height, file_name, field
        )
    return stored


def nearest(image, spec, image_format, renditions):
    target_width = spec.target_size(image.width, image.height)[0] if image.width else spec.width
    crop = spec.crop_name
    groups = (
        [r for r in renditions if crop_of(r) == crop and r.format == image_format],
        [r for r in renditions if crop_of(r) == crop],
        [r for r in renditions if r.format == image_format],
        list(renditions),
    )
    for group in groups:
        if group:
            wide_enough = [r for r in group if r.width >= target_width]
            if wide_enough:
                return min(wide_enough, key=lambda r: r.width)
            return max(group, key=lambda r: r.width)
    return None


def crop_of(rendition):
    return rendition.spec.rpartition("-")[0]


def original_stand_in(image):
    return image.renditions.model(
        image=image,
        spec="original",
        format="original",
        file=image.file.name,
        width=image.width,
        height=image.height,
    )
