"""Checks on uploaded images: nothing from an upload is trusted until Pillow has verified it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# Decompression bombs: a small file that expands to a huge bitmap.
MAX_PIXELS = 50_000_000


def validate_image_upload(uploaded):
    if getattr(uploaded, "_committed", False):
        # Already in storage: it passed these checks when it was uploaded.
        return
    size = getattr(uploaded, "size", 0) or 0
    if size > settings.NEWSROOM_MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is %(size)s; the limit is %(limit)s.",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.NEWSROOM_MAX_UPLOAD_BYTES),
            },
            code="too_large",
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    try:
        uploaded.seek(0)
        with PILImage.open(uploaded) as picture:
            image_format = picture.format
            width, height = picture.size
            picture.verify()
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many types for a broken or hostile file.
        raise ValidationError(
            "This file is not an image we can read.", code="invalid_image"
        ) from error
    finally:
        uploaded.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            "Upload a JPEG, PNG, WebP or GIF image (this one is %(format)s).",
            params={"format": image_format},
            code="unsupported_format",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            "This image is %(width)s×%(height)s pixels, too large to process.",
            params={"width": width, "height": height},
            code="too_many_pixels",
        )
