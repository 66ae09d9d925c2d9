"""Checks on uploaded images: nothing from an upload is trusted until Pillow has read it.

The format comes from the content, never from the file's name or its declared type.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from PIL import Image as PILImage

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
FRACTION_VALIDATORS = [MinValueValidator(0.0), MaxValueValidator(1.0)]
# An area dragged to the very edge of the picture must not fail on rounding.
EDGE_TOLERANCE = 1e-9


def binary_size(size):
    """A size in the units it is counted in, named as such: 15 MiB is 15 × 1024 × 1024 bytes.

    Django's filesizeformat counts in 1024s but writes "MB", which a file manager counting in
    1000s reads as a different, smaller size.
    """
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f"\u00a0{unit}"
    return f"{size}\u00a0bytes"


def upload_limits():
    """What an upload may be, in words for the form that takes it."""
    megapixels = f"{settings.NEWSROOM_MAX_UPLOAD_PIXELS / 1_000_000:g}"
    return (
        f"A JPEG, PNG, WebP or GIF image of at most "
        f"{binary_size(settings.NEWSROOM_MAX_UPLOAD_BYTES)} and {megapixels} megapixels."
    )


def validate_image_upload(uploaded):
    if getattr(uploaded, "_committed", False):
        # Already in storage: it passed these checks when it was uploaded.
        return
    size = getattr(uploaded, "size", 0) or 0
    if size > settings.NEWSROOM_MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is %(size)s; the limit is %(limit)s.",
            params={
                "size": binary_size(size),
                "limit": binary_size(settings.NEWSROOM_MAX_UPLOAD_BYTES),
            },
            code="too_large",
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    try:
        uploaded.seek(0)
        # open() reads only the header: the pixel check below runs before anything is decoded.
        with warnings.catch_warnings():
            # Between Pillow's warning and its refusal: our own, lower limit answers below.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(uploaded) as picture:
                image_format = picture.format
                if image_format in ALLOWED_FORMATS:
                    check_pixels(picture)
                picture.verify()
    except ValidationError:
        raise
    except PILImage.DecompressionBombError as error:
        # Pillow's own, higher ceiling refused it before we saw its size.
        raise too_many_pixels() from error
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


def check_pixels(picture):
    """Decompression bombs: a small file that expands to a huge bitmap (every frame counts)."""
    width, height = picture.size
    frames = getattr(picture, "n_frames", 1) if width * height else 1
    if width * height * frames > settings.NEWSROOM_MAX_UPLOAD_PIXELS:
        raise too_many_pixels(width, height, frames)


def too_many_pixels(width=0, height=0, frames=1):
    limit = f"{settings.NEWSROOM_MAX_UPLOAD_PIXELS / 1_000_000:g}"
    what = f"{width}×{height} pixels" if width else "more pixels than we can read"
    if frames > 1:
        what += f" in each of {frames} frames"
    return ValidationError(
        "This image has %(what)s; the limit is %(limit)s megapixels. Upload a smaller version.",
        params={"what": what, "limit": limit},
        code="too_many_pixels",
    )


def focal_point_errors(x, y, width, height):
    """``{field: message}`` for a focal point or area that is incomplete or not inside the picture.

    Each coordinate's own range (0 to 1) is its field's validator; this checks them together.
    """
    errors = {}
    for name, value, other in (("focal_x", x, y), ("focal_y", y, x)):
        if value is None and other is not None:
            errors[name] = "Give the point both across and down, or leave both empty."
    for name, value, other in (("focal_width", width, height), ("focal_height", height, width)):
        if value is None and other is not None:
            errors[name] = "Give the area both a width and a height, or leave both empty."
        elif value is not None and value <= 0:
            errors[name] = "An area needs a width and height above 0."
    if errors or width is None or height is None:
        return errors
    if x is None or y is None:
        return {"focal_x": "An area needs its focal point: the point is its centre."}
    for name, centre, size in (("focal_width", x, width), ("focal_height", y, height)):
        if centre - size / 2 < -EDGE_TOLERANCE or centre + size / 2 > 1 + EDGE_TOLERANCE:
            errors[name] = (
                "The area reaches past the edge of the picture: make it smaller or move the point."
            )
    return errors
