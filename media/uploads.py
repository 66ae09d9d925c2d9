"""What we keep of an upload: the picture, upright, with none of the camera's metadata.

Originals are served publicly, so EXIF (GPS position, camera serial number, time taken), XMP
and comments never reach storage. The picture is re-encoded by Pillow, which writes only what
it is given: EXIF orientation is applied to the pixels first, then everything but the colour
profile and what the format needs to show the picture (transparency, animation timing) is left
behind. The ICC profile stays: it holds no personal data, and without it a Display P3 or Adobe
RGB photograph (what phones and newsroom cameras produce) loses its colours.
"""

import io
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageOps

from media.validators import ALLOWED_FORMATS, check_pixels

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# High enough that a second generation is indistinguishable; renditions are made from it.
ORIGINAL_QUALITY = {"JPEG": 94, "WEBP": 94}
KEPT_INFO = ("icc_profile", "transparency", "duration", "loop", "background")


class UnreadableUpload(ValueError):
    """Pillow could not decode the upload, or it is not in a format we accept."""


@dataclass
class CleanOriginal:
    content: bytes
    extension: str
    # The decoded, upright picture (first frame), so renditions need no second decode.
    picture: PILImage.Image


def clean_original(uploaded):
    """Re-encode ``uploaded`` without metadata; raises UnreadableUpload for what we refuse."""
    try:
        return _clean_original(uploaded)
    except UnreadableUpload:
        raise
    except Exception as error:  # Pillow raises many types (OSError too) for a broken file.
        raise UnreadableUpload(str(error)) from error


def _clean_original(uploaded):
    uploaded.seek(0)
    with PILImage.open(uploaded) as source:
        if source.format not in ALLOWED_FORMATS:
            raise UnreadableUpload(f"{source.format} is not an upload format")
        check_pixels(source)
        image_format = source.format
        frames = getattr(source, "n_frames", 1)
        if frames > 1:
            content, first_frame = _reencode_animation(source, image_format)
            return CleanOriginal(content, EXTENSIONS[image_format], first_frame)
        source.load()
        picture = _without_metadata(ImageOps.exif_transpose(source), source)
    return CleanOriginal(_encode(picture, image_format), EXTENSIONS[image_format], picture)


def _without_metadata(picture, source):
    kept = {key: source.info[key] for key in KEPT_INFO if key in source.info}
    clean = picture.copy() if picture is source else picture
    clean.info = kept
    return clean


def _encode(picture, image_format, **options):
    if image_format in ORIGINAL_QUALITY:
        options["quality"] = ORIGINAL_QUALITY[image_format]
    if image_format == "JPEG":
        options.update(optimize=True, subsampling="4:2:0" if picture.mode != "L" else 0)
    for key in ("icc_profile", "transparency", "duration", "loop", "background"):
        if key in picture.info and key not in options:
            options[key] = picture.info[key]
    output = io.BytesIO()
    picture.save(output, image_format, exif=b"", **options)
    return output.getvalue()


def _reencode_animation(source, image_format):
    """An animated GIF or WebP keeps its frames and timing, and loses its comments and XMP."""
    frames = []
    for index in range(source.n_frames):
        source.seek(index)
        frames.append(_without_metadata(source.copy(), source))
    first = frames[0]
    content = _encode(first, image_format, save_all=True, append_images=frames[1:])
    return content, first
