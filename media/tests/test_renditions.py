import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image as PILImage

from media.models import Rendition
from media.renditions import Spec, get_rendition, make_rendition
from media.tests.factories import ImageFactory, uploaded_image

pytestmark = pytest.mark.django_db


def open_rendition(rendition):
    with rendition.file.open("rb") as handle:
        picture = PILImage.open(handle)
        picture.load()
    return picture


def test_rendition_is_made_once_and_stored():
    image = ImageFactory(file=uploaded_image(width=1000, height=500))

    first = get_rendition(image, "w400", "webp")

    assert (first.width, first.height) == (400, 200)
    assert open_rendition(first).format == "WEBP"
    image.refresh_from_db()
    assert get_rendition(image, "w400", "webp").pk == first.pk
    assert Rendition.objects.count() == 1


def test_crop_is_centred_and_never_upscaled():
    image = ImageFactory(file=uploaded_image(width=1600, height=900))
    square = get_rendition(image, "1x1-w1200", "jpeg")
    wide = get_rendition(image, "16x9-w1200", "jpeg")
    huge = get_rendition(image, "w1600", "jpeg")
    assert (square.width, square.height) == (900, 900)
    assert (wide.width, wide.height) == (1200, 675)
    assert (huge.width, huge.height) == (1600, 900)


def test_exif_orientation_is_applied():
    buffer = io.BytesIO()
    exif = PILImage.Exif()
    exif[0x0112] = 6  # stored landscape, shown rotated 90° clockwise
    PILImage.new("RGB", (200, 100), (200, 30, 30)).save(buffer, "JPEG", exif=exif)
    image = ImageFactory(file=SimpleUploadedFile("rotated.jpg", buffer.getvalue()))

    rendition = get_rendition(image, "w400", "jpeg")

    assert (rendition.width, rendition.height) == (100, 200)


def test_transparent_png_becomes_a_white_backed_jpeg():
    buffer = io.BytesIO()
    PILImage.new("RGBA", (50, 50), (0, 0, 0, 0)).save(buffer, "PNG")
    image = ImageFactory(file=SimpleUploadedFile("logo.png", buffer.getvalue()))
    picture = open_rendition(get_rendition(image, "w400", "jpeg"))
    assert picture.getpixel((25, 25)) == (255, 255, 255)


def test_a_rendition_made_by_a_concurrent_request_wins_and_no_file_is_left(settings):
    image = ImageFactory(file=uploaded_image(width=800, height=400))
    winner = make_rendition(image, Spec.parse("w400"), "jpeg")

    loser = make_rendition(image, Spec.parse("w400"), "jpeg")

    assert loser.pk == winner.pk
    folder = settings.MEDIA_ROOT / "renditions" / str(image.pk)
    assert len(list(folder.iterdir())) == 1


def test_new_file_discards_old_renditions():
    image = ImageFactory(file=uploaded_image(width=800, height=400))
    old = get_rendition(image, "w400", "jpeg")
    old_path = old.file.path

    image.refresh_from_db()
    image.file = uploaded_image(width=600, height=600, color=(0, 200, 0))
    image.save()

    assert not Rendition.objects.filter(pk=old.pk).exists()
    new = get_rendition(image, "w400", "jpeg")
    assert (new.width, new.height) == (400, 400)
    assert not os.path.exists(old_path)
    assert new.file.name != old.file.name


def test_editing_words_keeps_renditions():
    image = ImageFactory(file=uploaded_image(width=800, height=400))
    rendition = get_rendition(image, "w400", "jpeg")
    image.refresh_from_db()
    image.caption = "A better caption"
    image.save()
    assert Rendition.objects.filter(pk=rendition.pk).exists()


def test_picture_tag_offers_webp_and_jpeg_with_dimensions():
    image = ImageFactory(file=uploaded_image(width=1300, height=650), alt_text="Harbour at dawn")
    html = Template(
        '{% load media_tags %}{% picture image sizes="100vw" loading="eager" %}'
    ).render(Context({"image": image}))

    assert '<source type="image/webp"' in html
    assert "400w" in html and "800w" in html and "1200w" in html and "1300w" in html
    assert 'width="1300" height="650"' in html
    assert 'alt="Harbour at dawn"' in html
    assert 'fetchpriority="high"' in html and 'loading="eager"' in html


def srcset_widths(html, image_format):
    source = html.split(f'{image_format}"', 1)[1] if image_format == "webp" else html
    srcset = source.split('srcset="', 1)[1].split('"', 1)[0]
    return [candidate.rsplit(" ", 1)[1] for candidate in srcset.split(", ")]


def test_picture_tag_names_each_width_once():
    wide = ImageFactory(file=uploaded_image(width=2400, height=1350))
    html = Template("{% load media_tags %}{% picture image %}").render(Context({"image": wide}))
    img = html.split("<img", 1)[1]

    assert srcset_widths(html, "webp") == ["400w", "800w", "1200w", "1600w"]
    assert srcset_widths(img, "jpeg") == ["400w", "800w", "1200w", "1600w"]


def test_square_crop_of_a_small_picture_names_each_width_once():
    small = ImageFactory(file=uploaded_image(width=1000, height=600))
    html = Template('{% load media_tags %}{% picture image crop="1x1" %}').render(
        Context({"image": small})
    )

    # 1x1-w800 and 1x1-w1000 both come out 600 px wide: the picture is only 600 px tall.
    assert srcset_widths(html, "webp") == ["400w", "600w"]
    assert 'width="600" height="600"' in html
