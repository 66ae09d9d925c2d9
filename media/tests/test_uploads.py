"""What the desk's upload form keeps of a file, and what it does when storage fails."""

import contextlib
import errno
import io
import os
import subprocess

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageCms

from media.models import Image, Rendition
from media.tests.factories import image_bytes
from tools.testing import skip_or_fail

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:media_image_add")
GPS_IFD = 0x8825


@pytest.fixture
def desk(client, django_user_model):
    user = django_user_model.objects.create_user("photographer", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="media", codename__in=["add_image", "view_image"]
        )
    )
    client.force_login(user)
    return client


def upload(client, name, content):
    return client.post(
        ADD_URL,
        {
            "file": SimpleUploadedFile(name, content),
            "alt_text": "Firefighters at the scene",
            "caption": "",
            "credit": "",
        },
    )


def file_errors(response):
    assert response.status_code == 200
    return response.context["adminform"].form.errors["file"]


def files_under(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def camera_jpeg(width=300, height=200, orientation=1):
    """A JPEG as a phone writes it: GPS position, camera EXIF, XMP, a comment, a P3-like profile."""
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif[0x0112] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (50.0, 27.0, 1.5), 3: "E", 4: (30.0, 31.0, 2.5)})
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    picture = PILImage.new("RGB", (width, height), (180, 60, 40))
    picture.paste((20, 60, 200), (0, 0, width // 2, height // 4))  # marks the top left corner
    buffer = io.BytesIO()
    picture.save(
        buffer,
        "JPEG",
        exif=exif,
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">GPSLatitude 50,27N</x:xmpmeta>',
        comment=b"shot at home",
        icc_profile=profile,
    )
    return buffer.getvalue(), profile


def test_the_served_original_carries_no_gps_exif_xmp_or_comment(desk, client):
    content, profile = camera_jpeg()
    with PILImage.open(io.BytesIO(content)) as sent:  # the test's own file does carry them
        assert sent.getexif().get_ifd(GPS_IFD) and "xmp" in sent.info and "comment" in sent.info

    assert upload(desk, "IMG_0001.JPG", content).status_code == 302
    image = Image.objects.get()
    client.logout()
    served = client.get(image.file.url)

    assert served.status_code == 200
    body = b"".join(served.streaming_content)
    assert b"GPS" not in body and b"PhoneMaker" not in body and b"shot at home" not in body
    with PILImage.open(io.BytesIO(body)) as stored:
        assert stored.format == "JPEG"
        assert dict(stored.getexif()) == {}
        assert not {"exif", "xmp", "comment"} & set(stored.info)
        assert stored.info["icc_profile"] == profile  # colours kept
        assert stored.size == (300, 200)


def test_exif_orientation_is_applied_to_the_stored_original(desk):
    content, _ = camera_jpeg(width=300, height=200, orientation=6)  # shown rotated 90° clockwise

    upload(desk, "portrait.jpg", content)

    image = Image.objects.get()
    assert (image.width, image.height) == (200, 300)
    with image.file.open("rb") as handle, PILImage.open(handle) as stored:
        assert stored.size == (200, 300)
        assert 0x0112 not in stored.getexif()
        # The marked top-left corner is now at the top right, as the camera meant it.
        red, green, blue = stored.convert("RGB").getpixel((190, 10))
        assert blue > 150 and red < 80


@pytest.mark.parametrize(
    ("name", "image_format", "extension"),
    [
        ("photo.png", "JPEG", "jpg"),
        ("photo.jpg", "PNG", "png"),
        ("photo.gif", "WEBP", "webp"),
        ("photo", "GIF", "gif"),
        ("photo.php", "JPEG", "jpg"),
    ],
)
def test_the_stored_extension_comes_from_the_content(desk, name, image_format, extension):
    response = upload(desk, name, image_bytes(image_format=image_format))

    assert response.status_code == 302
    stored = Image.objects.get().file.name
    assert stored.endswith(f".{extension}")
    with Image.objects.get().file.open("rb") as handle, PILImage.open(handle) as picture:
        assert picture.format == image_format


def test_an_animated_gif_keeps_its_frames_and_loses_its_comment(desk):
    frames = [PILImage.new("RGB", (40, 30), color) for color in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, comment=b"secret"
    )

    assert upload(desk, "loop.gif", buffer.getvalue()).status_code == 302

    with Image.objects.get().file.open("rb") as handle, PILImage.open(handle) as stored:
        assert stored.n_frames == 3
        assert "comment" not in stored.info
        assert stored.info["duration"] == 200


def test_a_picture_over_the_pixel_limit_is_a_form_error(desk, settings):
    settings.NEWSROOM_MAX_UPLOAD_PIXELS = 1_000_000

    response = upload(desk, "wide.png", image_bytes(width=1001, height=1000, image_format="PNG"))

    assert file_errors(response) == [
        "This image has 1001×1000 pixels; the limit is 1 megapixels. Upload a smaller version."
    ]
    assert not Image.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_picture_beyond_what_pillow_will_open_is_a_form_error(desk, settings):
    # 196 megapixels in a few kilobytes: Pillow refuses it before we see its size.
    buffer = io.BytesIO()
    PILImage.new("1", (14_000, 14_000)).save(buffer, "PNG")

    response = upload(desk, "bomb.png", buffer.getvalue())

    assert "the limit is 50 megapixels" in file_errors(response)[0]
    assert not Image.objects.exists()


def noise_jpeg(width, height):
    """Incompressible: its renditions together weigh more than the original."""
    picture = PILImage.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=94)
    return buffer.getvalue()


@contextlib.contextmanager
def tmpfs(path, *options):
    path.mkdir(parents=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(path)],
        capture_output=True,
    )
    if result.returncode:
        # CI runs as root, where this works: there (NEWSROOM_REQUIRE_SERVICES=1) it must.
        skip_or_fail(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


def test_a_full_disk_is_a_form_error_and_leaves_nothing_behind(desk, settings, tmp_path):
    content = noise_jpeg(1200, 900)
    # Room for the clean original, not for its renditions: the failure comes half-way.
    room = f"size={len(content) + 64 * 1024}"
    with tmpfs(tmp_path / "full", room, "mode=0755") as root:
        settings.MEDIA_ROOT = root

        response = upload(desk, "noise.jpg", content)

        assert "the upload storage is full or cannot be written to" in file_errors(response)[0]
        assert not Image.objects.exists() and not Rendition.objects.exists()
        assert files_under(root) == []


def test_an_unwritable_disk_is_a_form_error(desk, settings, tmp_path):
    with tmpfs(tmp_path / "readonly", "size=1m", "ro") as root:
        settings.MEDIA_ROOT = root

        response = upload(desk, "photo.jpg", image_bytes())

        assert "Nothing was saved" in file_errors(response)[0]
        assert not Image.objects.exists()


class StorageFullAfterTwoFiles(FileSystemStorage):
    """A disk that fills up on the third file, the way ENOSPC comes from any storage."""

    saved = 0

    def _save(self, name, content):
        type(self).saved += 1
        if type(self).saved > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)
        return super()._save(name, content)


def test_storage_that_fills_up_mid_upload_leaves_no_file(desk, settings):
    StorageFullAfterTwoFiles.saved = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.StorageFullAfterTwoFiles"},
    }

    response = upload(desk, "photo.jpg", image_bytes(width=900, height=600))

    assert "Nothing was saved" in file_errors(response)[0]
    assert StorageFullAfterTwoFiles.saved == 3
    assert not Image.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []

    StorageFullAfterTwoFiles.saved = -1000  # room again: the same upload now goes through
    assert upload(desk, "photo.jpg", image_bytes(width=900, height=600)).status_code == 302
    assert Image.objects.get().renditions.exists()


def test_an_upright_jpeg_keeps_its_very_pixels(desk):
    content, _ = camera_jpeg(width=320, height=240)

    upload(desk, "IMG_0002.JPG", content)

    with Image.objects.get().file.open("rb") as handle, PILImage.open(handle) as stored:
        with PILImage.open(io.BytesIO(content)) as sent:
            assert stored.tobytes() == sent.tobytes()
            assert stored.info.get("progression", 0) == sent.info.get("progression", 0)


def test_extra_pictures_after_the_end_of_a_jpeg_are_dropped(desk):
    content, _ = camera_jpeg()
    # An MPO (or a file with something appended) carries more after the picture's end.
    appended, _ = camera_jpeg(width=60, height=40)

    upload(desk, "IMG_0003.JPG", content + appended)

    with Image.objects.get().file.open("rb") as handle:
        stored = handle.read()
    assert stored.endswith(b"\xff\xd9") and b"GPS" not in stored and len(stored) < len(content)


def test_a_progressive_jpeg_with_restart_markers_is_cleaned_losslessly(desk):
    picture = PILImage.frombytes("RGB", (160, 120), os.urandom(160 * 120 * 3))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", progressive=True, restart_marker_rows=1, comment=b"note")

    upload(desk, "progressive.jpg", buffer.getvalue())

    with Image.objects.get().file.open("rb") as handle, PILImage.open(handle) as stored:
        assert stored.tobytes() == PILImage.open(io.BytesIO(buffer.getvalue())).tobytes()
        assert "comment" not in stored.info
