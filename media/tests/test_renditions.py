import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template import Context, Template
from PIL import Image as PILImage

from media.models import Image, Rendition
from media.renditions import get_rendition, site_specs
from media.tests.factories import ImageFactory, image_bytes, uploaded_image

pytestmark = pytest.mark.django_db


def open_rendition(rendition):
    with rendition.file.open("rb") as handle:
        picture = PILImage.open(handle)
        picture.load()
    return picture


def stored_names(image):
    return {image.file.name, *image.renditions.values_list("file", flat=True)}


def exists(name):
    return Image._meta.get_field("file").storage.exists(name)


@pytest.fixture
def forbid_pillow(monkeypatch):
    """Call it, and any attempt to decode a picture fails: what a reader's request must never do."""

    def refuse(*args, **kwargs):
        raise AssertionError("Pillow opened a picture")

    return lambda: monkeypatch.setattr(PILImage, "open", refuse)


def render_picture(image, options=""):
    return Template(f"{{% load media_tags %}}{{% picture image {options} %}}").render(
        Context({"image": image})
    )


def test_saving_an_image_stores_every_rendition_the_site_shows():
    image = ImageFactory(file=uploaded_image(width=2000, height=1000))

    made = {(r.spec, r.format): r for r in image.renditions.all()}

    assert set(made) == {(spec.name, image_format) for spec, image_format in site_specs(image)}
    assert (made["w1600", "webp"].width, made["w1600", "webp"].height) == (1600, 800)
    assert open_rendition(made["w1600", "webp"]).format == "WEBP"
    assert open_rendition(made["16x9-w800", "jpeg"]).size == (800, 450)
    assert open_rendition(made["1x1-w1200", "jpeg"]).size == (1000, 1000)
    assert open_rendition(made["4x3-w1200", "jpeg"]).size == (1200, 900)
    assert all(exists(r.file.name) for r in made.values())


def test_crop_is_centred_and_never_upscaled():
    image = ImageFactory(file=uploaded_image(width=1600, height=900))
    square = get_rendition(image, "1x1-w1200", "jpeg")
    wide = get_rendition(image, "16x9-w1200", "jpeg")
    huge = get_rendition(image, "w1600", "jpeg")
    assert (square.width, square.height) == (900, 900)
    assert (wide.width, wide.height) == (1200, 675)
    assert (huge.width, huge.height) == (1600, 900)


def test_a_centred_crop_shows_the_middle_of_the_picture():
    # Left third red, middle third green, right third blue: the square shows only green.
    picture = PILImage.new("RGB", (1800, 600), (200, 0, 0))
    picture.paste((0, 200, 0), (600, 0, 1200, 600))
    picture.paste((0, 0, 200), (1200, 0, 1800, 600))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = ImageFactory(file=SimpleUploadedFile("bands.png", buffer.getvalue()))

    square = open_rendition(get_rendition(image, "1x1-w400", "jpeg")).convert("RGB")

    for x in (5, 200, 394):
        red, green, blue = square.getpixel((x, 200))
        assert green > 150 and red < 60 and blue < 60


def test_exif_orientation_is_applied():
    buffer = io.BytesIO()
    exif = PILImage.Exif()
    exif[0x0112] = 6  # stored landscape, shown rotated 90° clockwise
    PILImage.new("RGB", (200, 100), (200, 30, 30)).save(buffer, "JPEG", exif=exif)
    image = ImageFactory(file=SimpleUploadedFile("rotated.jpg", buffer.getvalue()))

    rendition = get_rendition(image, "w400", "jpeg")

    assert (image.width, image.height) == (100, 200)
    assert (rendition.width, rendition.height) == (100, 200)
    assert open_rendition(rendition).size == (100, 200)


def test_transparent_png_becomes_a_white_backed_jpeg():
    buffer = io.BytesIO()
    PILImage.new("RGBA", (50, 50), (0, 0, 0, 0)).save(buffer, "PNG")
    image = ImageFactory(file=SimpleUploadedFile("logo.png", buffer.getvalue()))
    picture = open_rendition(get_rendition(image, "w400", "jpeg"))
    assert picture.getpixel((25, 25)) == (255, 255, 255)


def test_a_picture_with_its_renditions_renders_without_pillow(
    forbid_pillow, django_assert_num_queries
):
    image = Image.objects.get(pk=ImageFactory(file=uploaded_image(width=1300, height=650)).pk)
    forbid_pillow()

    # The image's own row indexes its renditions.
    with django_assert_num_queries(0):
        html = render_picture(image, 'crop="16x9" max_width=800')
        render_picture(image)

    stored = {r.file.url for r in image.renditions.all()}
    srcset = html.split('srcset="')[1].split('"')[0]
    urls = {candidate.split(" ")[0] for candidate in srcset.split(", ")}
    assert urls <= stored


def test_missing_renditions_serve_the_nearest_stored_one_and_make_none(forbid_pillow):
    image = ImageFactory(file=uploaded_image(width=2000, height=1000))
    image.renditions.filter(spec__in=["w800", "w1200", "16x9-w800"]).delete()
    count = Rendition.objects.count()
    image = Image.objects.get(pk=image.pk)
    forbid_pillow()

    html = render_picture(image)
    card = render_picture(image, 'crop="16x9" max_width=800')
    share = get_rendition(image, "w1200", "jpeg")

    w1600 = image.renditions.get(spec="w1600", format="jpeg")
    # The next larger one: a share picture must not come out smaller.
    assert share.file.name == w1600.file.name
    assert f"{w1600.file.url} 1600w" in html and "800w" not in html
    assert "16x9-w400" in card
    assert Rendition.objects.count() == count


def test_with_no_rendition_at_all_the_original_is_served(forbid_pillow):
    image = ImageFactory(file=uploaded_image(width=900, height=600))
    image.renditions.all().delete()
    image = Image.objects.get(pk=image.pk)
    forbid_pillow()

    html = render_picture(image)
    share = get_rendition(image, "w1200", "jpeg")

    assert (share.file.url, share.width, share.height) == (image.file.url, 900, 600)
    assert f'src="{image.file.url}"' in html and 'width="900" height="600"' in html
    assert not Rendition.objects.exists()


def test_two_uploads_of_the_same_picture_share_no_file_name():
    first = ImageFactory(file=uploaded_image(width=900, height=600))
    second = ImageFactory(file=uploaded_image(width=900, height=600))

    assert not stored_names(first) & stored_names(second)


def test_replaced_files_are_deleted_only_after_the_save_commits(
    django_capture_on_commit_callbacks,
):
    image = ImageFactory(file=uploaded_image(width=800, height=400))
    old_names = stored_names(image)
    image = Image.objects.get(pk=image.pk)

    with django_capture_on_commit_callbacks() as callbacks:
        image.file = uploaded_image(width=600, height=600, color=(0, 200, 0))
        image.save()
    assert all(exists(name) for name in old_names)  # not committed yet

    for callback in callbacks:
        callback()

    assert not any(exists(name) for name in old_names)
    new = get_rendition(image, "w400", "jpeg")
    assert (new.width, new.height) == (400, 400)
    assert all(exists(name) for name in stored_names(image))
    assert not old_names & stored_names(image)


def test_a_rolled_back_replacement_deletes_nothing(django_capture_on_commit_callbacks):
    image = ImageFactory(file=uploaded_image(width=800, height=400))
    old_names = stored_names(image)
    image = Image.objects.get(pk=image.pk)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            image.file = uploaded_image(width=600, height=600)
            image.save()
            raise RuntimeError("the desk's save failed after the image was saved")

    assert callbacks == []
    assert all(exists(name) for name in old_names)
    assert stored_names(Image.objects.get(pk=image.pk)) == old_names


def test_deleting_an_image_deletes_its_files_after_commit(django_capture_on_commit_callbacks):
    image = ImageFactory()
    names = stored_names(image)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert not Rendition.objects.exists()
    assert not any(exists(name) for name in names)


class OverwritingStorage(FileSystemStorage):
    """Like object storage: saving to a name that exists replaces the file."""

    def get_available_name(self, name, max_length=None):
        return name

    def _save(self, name, content):
        if self.exists(name):
            self.delete(name)
        return super()._save(name, content)


def test_on_an_overwriting_storage_a_replacement_keeps_its_new_files(
    settings, django_capture_on_commit_callbacks
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.OverwritingStorage"},
    }
    picture = image_bytes(width=900, height=600)
    image = ImageFactory(file=SimpleUploadedFile("a.jpg", picture))
    image = Image.objects.get(pk=image.pk)

    with django_capture_on_commit_callbacks(execute=True):
        image.file = SimpleUploadedFile("a.jpg", picture)  # the very same picture again
        image.save()

    assert image.renditions.count() == len(site_specs(image))
    assert all(exists(name) for name in stored_names(image))


def test_editing_words_keeps_renditions():
    image = ImageFactory(file=uploaded_image(width=800, height=400))
    renditions = set(image.renditions.values_list("pk", flat=True))
    image.refresh_from_db()
    image.caption = "A better caption"
    image.save()
    assert set(image.renditions.values_list("pk", flat=True)) == renditions


def test_a_file_put_in_storage_directly_gets_its_renditions_on_save():
    image = Image(alt_text="Drawn by a script")
    image.file.save("drawn.jpg", ContentFile(image_bytes(4000, 3000), name="drawn.jpg"), save=False)

    image.save()

    assert image.renditions.count() == len(site_specs(image))
    assert (get_rendition(image, "w1600").width, get_rendition(image, "w1600").height) == (
        1600,
        1200,
    )


def test_picture_tag_offers_webp_and_jpeg_with_dimensions():
    image = ImageFactory(file=uploaded_image(width=1300, height=650), alt_text="Harbour at dawn")
    html = render_picture(image, 'sizes="100vw" loading="eager"')

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
    html = render_picture(wide)
    img = html.split("<img", 1)[1]

    assert srcset_widths(html, "webp") == ["400w", "800w", "1200w", "1600w"]
    assert srcset_widths(img, "jpeg") == ["400w", "800w", "1200w", "1600w"]


def test_a_crop_of_a_short_picture_names_each_width_once():
    short = ImageFactory(file=uploaded_image(width=1000, height=200))
    html = render_picture(short, 'crop="16x9" max_width=800')

    # 16x9-w400 and 16x9-w800 both come out 355 px wide: the picture is only 200 px tall.
    assert srcset_widths(html, "webp") == ["355w"]
    assert 'width="355" height="200"' in html


def test_saving_an_image_loaded_without_its_file_keeps_its_renditions():
    image = ImageFactory()
    renditions = set(image.renditions.values_list("pk", flat=True))

    partial = Image.objects.only("pk", "caption").get(pk=image.pk)
    partial.caption = "A new caption"
    partial.save()

    assert set(image.renditions.values_list("pk", flat=True)) == renditions
