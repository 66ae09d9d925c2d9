import io
import os

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import strip_tags
from PIL import Image as PILImage

from media.models import Image
from media.tests.factories import ImageFactory, image_bytes, uploaded_image
from media.validators import validate_image_upload

ADD_URL = reverse("admin:media_image_add")


@pytest.fixture
def photographer(django_user_model):
    user = django_user_model.objects.create_user("photographer", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="media",
            codename__in=["add_image", "change_image", "view_image"],
        )
    )
    return user


@pytest.fixture
def desk(client, photographer):
    client.force_login(photographer)
    return client


def upload(client, file, **fields):
    return client.post(
        ADD_URL,
        {
            "file": file,
            "alt_text": "Firefighters at the scene",
            "caption": "",
            "credit": "",
            **fields,
        },
    )


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_a_small_jpeg_is_accepted_and_credited_to_its_uploader(desk, photographer, settings):
    response = upload(desk, uploaded_image(width=120, height=80), credit="Staff photographer")

    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by == photographer
    assert (image.width, image.height) == (120, 80)
    assert image.credit == "Staff photographer"
    names = {image.file.name, *image.renditions.values_list("file", flat=True)}
    assert len(names) > 2  # the original and the renditions the site shows, made on upload
    assert set(stored_files(settings)) == {settings.MEDIA_ROOT / name for name in names}


@pytest.mark.django_db
def test_a_text_file_named_jpg_is_refused(desk, settings):
    fake = SimpleUploadedFile("photo.jpg", b"just some words", content_type="image/jpeg")

    response = upload(desk, fake)

    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not Image.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_an_image_in_an_unsupported_format_is_refused(desk, settings):
    bitmap = SimpleUploadedFile("photo.bmp", image_bytes(image_format="BMP"))

    response = upload(desk, bitmap)

    assert response.status_code == 200
    assert (
        "Upload a JPEG, PNG, WebP or GIF image (this one is BMP)."
        in (response.context["adminform"].form.errors["file"])
    )
    assert not Image.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_an_upload_over_the_size_limit_is_refused(desk, settings):
    settings.NEWSROOM_MAX_UPLOAD_BYTES = 100

    response = upload(desk, uploaded_image())

    assert response.status_code == 200
    assert "the limit is 100" in response.context["adminform"].form.errors["file"][0]
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_size_limits_are_named_in_the_units_they_are_counted_in(desk, settings):
    settings.NEWSROOM_MAX_UPLOAD_BYTES = 1024 * 1024
    noise = PILImage.frombytes("RGB", (620, 620), os.urandom(620 * 620 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    # 1,153,200 bytes and more: 1.1 MB to anyone counting in thousands, 1.1 MiB here.
    big = SimpleUploadedFile("noise.png", buffer.getvalue(), content_type="image/png")

    form = desk.get(ADD_URL).content.decode()
    response = upload(desk, big)

    assert "at most 1\u00a0MiB and 50 megapixels" in form
    errors = response.context["adminform"].form.errors["file"]
    assert errors == ["This file is 1.1\u00a0MiB; the limit is 1\u00a0MiB."]
    # What the editor reads: the page's markup carries random tokens, which may hold "MB".
    assert "MB" not in strip_tags(response.content.decode()).replace("MiB", "")
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_a_picker_gets_the_chosen_images_thumbnail(desk):
    image = ImageFactory(alt_text="Firefighters at the scene")

    response = desk.get(reverse("admin:media_image_thumbnail", args=[image.pk]))

    assert response.status_code == 200
    picture = response.json()
    assert picture["alt"] == "Firefighters at the scene"
    assert picture["src"].startswith("/media/renditions/")
    assert (picture["width"], picture["height"]) == (64, 48)


@pytest.mark.django_db
def test_the_thumbnail_address_answers_only_the_desk(client, desk):
    image = ImageFactory()
    url = reverse("admin:media_image_thumbnail", args=[image.pk])

    missing = desk.get(reverse("admin:media_image_thumbnail", args=[image.pk + 1]))
    desk.logout()
    outsider = client.get(url)

    assert missing.status_code == 404
    assert outsider.status_code == 302
    assert "/admin/login/" in outsider["Location"]


@pytest.mark.django_db
def test_alt_text_is_required(desk):
    response = upload(desk, uploaded_image(), alt_text="")

    assert response.status_code == 200
    assert "alt_text" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


@pytest.mark.django_db
def test_editing_an_image_keeps_its_uploader(client, photographer, django_user_model):
    original = django_user_model.objects.create_user("original")
    image = ImageFactory(uploaded_by=original)
    client.force_login(photographer)

    response = client.post(
        reverse("admin:media_image_change", args=[image.pk]),
        {"alt_text": "A clearer description", "caption": "", "credit": "AFP"},
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt_text, image.credit, image.uploaded_by) == (
        "A clearer description",
        "AFP",
        original,
    )


@pytest.mark.django_db
def test_list_and_change_form_show_the_picture_with_its_alt_text(desk):
    image = ImageFactory(alt_text="Rescuers in the rubble")

    listing = desk.get(reverse("admin:media_image_changelist"))
    change = desk.get(reverse("admin:media_image_change", args=[image.pk]))

    # A 64-px picture's every width is its own 64 px.
    rendition = image.renditions.get(spec="w64", format="jpeg")
    for response in (listing, change):
        assert response.status_code == 200
        assert f'src="{rendition.file.url}" alt="Rescuers in the rubble"' in response.text
    assert "64×48" in listing.text


@pytest.mark.django_db
def test_image_search_finds_alt_text_caption_and_credit(desk):
    by_credit = ImageFactory(credit="Gavriil Grigorov / POOL / AFP")
    ImageFactory()

    response = desk.get(reverse("admin:media_image_changelist"), {"q": "Grigorov"})

    assert list(response.context["cl"].result_list) == [by_credit]


def test_validator_refuses_a_decompression_bomb():
    # Tiny on disk, 56 million pixels once decoded.
    buffer = io.BytesIO()
    PILImage.new("1", (8000, 7000)).save(buffer, "PNG")
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")

    with pytest.raises(ValidationError) as refused:
        validate_image_upload(bomb)

    assert refused.value.code == "too_many_pixels"
    assert bomb.tell() == 0


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_validator_accepts_the_web_formats(image_format):
    picture = SimpleUploadedFile(
        f"photo.{image_format.lower()}", image_bytes(image_format=image_format)
    )

    validate_image_upload(picture)


@pytest.mark.django_db
def test_replacing_the_file_checks_the_new_one(desk):
    image = ImageFactory()
    change_url = reverse("admin:media_image_change", args=[image.pk])
    fields = {"alt_text": image.alt_text, "caption": "", "credit": ""}

    refused = desk.post(change_url, {**fields, "file": SimpleUploadedFile("new.jpg", b"words")})
    assert refused.status_code == 200
    assert "file" in refused.context["adminform"].form.errors
    assert Image.objects.get().file.name == image.file.name

    accepted = desk.post(change_url, {**fields, "file": uploaded_image(width=90, height=30)})
    assert accepted.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.height) == (90, 30)


@pytest.mark.django_db
def test_a_missing_file_leaves_the_list_usable(desk):
    image = ImageFactory(alt_text="Lost in a storage migration")
    image.file.storage.delete(image.file.name)

    response = desk.get(reverse("admin:media_image_changelist"))

    assert response.status_code == 200
    assert "Lost in a storage migration" in response.text


@pytest.mark.django_db
def test_a_refused_upload_does_not_show_its_size_as_the_images(desk):
    response = upload(desk, SimpleUploadedFile("scan.bmp", image_bytes(321, 123, "BMP")))

    assert response.status_code == 200
    assert "321×123" not in response.text
