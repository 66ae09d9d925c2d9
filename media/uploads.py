"""What we keep of an upload: the picture, upright, with none of the camera's metadata.

Originals are served publicly, so EXIF (GPS position, camera serial number, time taken), XMP
and comments never reach storage. An upright JPEG loses its metadata segments losslessly; any
other picture is re-encoded by Pillow, which writes only what it is given: EXIF orientation is
applied to the pixels first, then everything but the colour profile and what the format needs
to show the picture (transparency, animation timing) is left behind. The ICC profile stays: it
holds no personal data, and without it a Display P3 or Adobe RGB photograph (what phones and
newsroom cameras produce) loses its colours.
"""

import io
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageOps

from media.validators import ALLOWED_FORMATS, check_pixels

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# For what must be re-encoded (a rotated JPEG, WebP): high enough that the second generation
# is indistinguishable.
ORIGINAL_QUALITY = {"JPEG": 94, "WEBP": 94}
KEPT_INFO = ("icc_profile", "transparency", "duration", "loop", "background")
ORIENTATION = 0x0112


class UnreadableUpload(ValueError):
    """Pillow could not decode the upload, or it is not in a format we accept."""


@dataclass
class CleanOriginal:
    content: bytes
    extension: str
    size: tuple[int, int]
    # The decoded, upright picture (first frame), so renditions need no second decode; None
    # when the JPEG was cleaned without decoding it (renditions then decode it, scaled down).
    picture: PILImage.Image | None


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
        extension = EXTENSIONS[image_format]
        if image_format == "JPEG" and source.getexif().get(ORIENTATION, 1) == 1:
            uploaded.seek(0)
            content = strip_jpeg_metadata(uploaded.read())
            return CleanOriginal(content, extension, source.size, picture=None)
        frames = getattr(source, "n_frames", 1)
        if frames > 1:
            content, first_frame = _reencode_animation(source, image_format)
            return CleanOriginal(content, extension, first_frame.size, first_frame)
        source.load()
        picture = _without_metadata(ImageOps.exif_transpose(source), source)
    return CleanOriginal(_encode(picture, image_format), extension, picture.size, picture)


def _without_metadata(picture, source):
    kept = {key: source.info[key] for key in KEPT_INFO if key in source.info}
    clean = picture.copy() if picture is source else picture
    clean.info = kept
    return clean


def _encode(picture, image_format, **options):
    if image_format in ORIGINAL_QUALITY:
        options["quality"] = ORIGINAL_QUALITY[image_format]
    if image_format == "JPEG":
        # No optimize pass: on a 24-megapixel original it doubles the time for a few percent.
        options.update(subsampling="4:2:0" if picture.mode != "L" else 0)
    for key in KEPT_INFO:
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


# JPEG markers. Before the image data every segment is FF, a marker byte and a 2-byte length.
SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
APP0, APP2, APP14, APP15, COM = 0xE0, 0xE2, 0xEE, 0xEF, 0xFE
STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and the restart markers carry no length


def strip_jpeg_metadata(data):
    """The same JPEG, losslessly, with only what decoding needs and its colour profile.

    Keeps JFIF (APP0), the ICC profile (APP2 "ICC_PROFILE") and Adobe's colour transform
    (APP14); drops EXIF and XMP (APP1), IPTC (APP13), every other application segment, comments,
    and anything after the end of the image (the extra pictures of an MPO, with their own EXIF).
    Used for upright JPEGs: the pixels are the uploaded ones, with no second-generation loss.
    """
    if data[:2] != b"\xff\xd8":
        raise UnreadableUpload("not a JPEG")
    output = bytearray(data[:2])
    position = 2
    while position < len(data):
        if data[position] != 0xFF:
            raise UnreadableUpload("broken JPEG segment")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == EOI:
            output += data[position : position + 2]
            return bytes(output)
        if marker in STANDALONE:
            output += data[position : position + 2]
            position += 2
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise UnreadableUpload("truncated JPEG segment")
        if _keeps(marker, data[position + 4 : end]):
            output += data[position:end]
        position = end
        if marker == SOS:
            scan_end = _end_of_scan(data, position)
            output += data[position:scan_end]
            position = scan_end
    raise UnreadableUpload("JPEG without an end")


def _keeps(marker, payload):
    if marker == COM:
        return False
    if APP0 <= marker <= APP15:
        return (
            marker == APP0
            or (marker == APP2 and payload.startswith(b"ICC_PROFILE\x00"))
            or (marker == APP14 and payload.startswith(b"Adobe"))
        )
    return True


def _end_of_scan(data, position):
    """Where a scan's entropy-coded data ends: the next marker that is not stuffing or RSTn."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            raise UnreadableUpload("JPEG scan without an end")
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1 if following == 0xFF else 2
            continue
        return position
