"""Rendition sizes and how they are made.

A spec names a width and an optional crop: ``w800`` is 800 px wide at the picture's own shape,
``1x1-w1200`` is a centred square 1200 px wide. Renditions are made on first use, stored through
Django's storage API (so object storage works unchanged) and found again through the database.
"""

import hashlib
import io
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image as PILImage
from PIL import ImageOps

from media.models import Rendition

WIDTHS = (400, 800, 1200, 1600)
SHARE_WIDTH = 1200
# Google's Article rich results ask for these three shapes, each at least 1200 px wide.
STRUCTURED_DATA_CROPS = ("16x9", "4x3", "1x1")
FORMATS = {"webp": ("WEBP", "image/webp"), "jpeg": ("JPEG", "image/jpeg")}
QUALITY = {"WEBP": 80, "JPEG": 82}
SPEC_PATTERN = re.compile(r"^(?:(\d{1,2})x(\d{1,2})-)?w(\d{2,4})$")


@dataclass(frozen=True)
class Spec:
    width: int
    crop: tuple[int, int] | None = None

    @classmethod
    def parse(cls, name):
        match = SPEC_PATTERN.match(name)
        if not match:
            raise ValueError(f"Unknown rendition spec {name!r}")
        crop = (int(match[1]), int(match[2])) if match[1] else None
        return cls(width=int(match[3]), crop=crop)

    @property
    def name(self):
        prefix = f"{self.crop[0]}x{self.crop[1]}-" if self.crop else ""
        return f"{prefix}w{self.width}"

    def target_size(self, source_width, source_height):
        """Never upscale: a small original gives a smaller rendition, not a blurry one."""
        if self.crop:
            ratio_w, ratio_h = self.crop
            width = min(self.width, source_width, source_height * ratio_w // ratio_h)
            return width, max(1, round(width * ratio_h / ratio_w))
        width = min(self.width, source_width)
        return width, max(1, round(source_height * width / source_width))


def widths_for(image):
    """The srcset widths worth offering for ``image``: none wider than the original."""
    if not image.width:
        return list(WIDTHS[:1])
    widths = [width for width in WIDTHS if width < image.width]
    # A picture narrower than the largest width is also offered at its own full size.
    return widths if image.width > WIDTHS[-1] else [*widths, image.width]


def render(image, spec, image_format):
    pillow_format, _ = FORMATS[image_format]
    with image.file.open("rb") as handle, PILImage.open(handle) as source:
        picture = ImageOps.exif_transpose(source)
        size = spec.target_size(*picture.size)
        if spec.crop:
            picture = ImageOps.fit(picture, size, method=PILImage.Resampling.LANCZOS)
        elif size != picture.size:
            picture = picture.resize(size, PILImage.Resampling.LANCZOS)
        if picture.mode not in ("RGB", "L"):
            picture = flatten(picture)
        output = io.BytesIO()
        options = {"quality": QUALITY[pillow_format], "optimize": True}
        if pillow_format == "JPEG":
            options["progressive"] = True
        picture.save(output, pillow_format, **options)
    return output.getvalue(), picture.size


def flatten(picture):
    """JPEG has no transparency: put transparent pixels on white rather than black."""
    picture = picture.convert("RGBA")
    background = PILImage.new("RGB", picture.size, (255, 255, 255))
    background.paste(picture, mask=picture.getchannel("A"))
    return background


def get_rendition(image, spec_name, image_format="jpeg"):
    """The stored rendition, made now if it does not exist yet.

    Reads ``image.renditions.all()`` once per image object, so a prefetch of ``renditions``
    serves a whole page without further queries. When two requests make the same rendition at
    once, the database's unique constraint picks one; the other discards its file and uses the
    winner's.
    """
    spec = Spec.parse(spec_name)
    known = image.__dict__.get("_renditions_by_key")
    if known is None:
        known = {(r.spec, r.format): r for r in image.renditions.all()}
        image.__dict__["_renditions_by_key"] = known
    key = (spec.name, image_format)
    if key not in known:
        known[key] = make_rendition(image, spec, image_format)
    return known[key]


def make_rendition(image, spec, image_format):
    content, (width, height) = render(image, spec, image_format)
    rendition = Rendition(image=image, spec=spec.name, format=image_format)
    # Named after the source file: a replaced picture never reuses a URL a CDN holds as immutable.
    source_key = hashlib.sha256(image.file.name.encode()).hexdigest()[:12]
    name = f"{spec.name}-{source_key}.{image_format}"
    rendition.file.save(name, ContentFile(content), save=False)
    rendition.width, rendition.height = width, height
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        rendition.file.delete(save=False)
        rendition = Rendition.objects.get(image=image, spec=spec.name, format=image_format)
    return rendition
