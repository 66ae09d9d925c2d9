"""A focal point set in the desk is saved at once; the worker redraws the crops, once."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image as PILImage

from media import cropping
from media.models import Image
from media.renditions import Spec, get_rendition
from media.tests.test_focal_point import RED, WIDE, ImageFactory, looks_like, marked_picture, png
from media.tests.test_focal_point import pixels as pixels_of
from tools.testing.tasks import run_tasks

pytestmark = pytest.mark.django_db

CORNER = [WIDE[2][0], WIDE[2][1], None, None]


@pytest.fixture
def picture_desk(client, django_user_model):
    user = django_user_model.objects.create_user("picture-editor", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="media", codename__in=["change_image", "view_image"]
        )
    )
    client.force_login(user)
    return client


@pytest.fixture
def forbid_drawing(monkeypatch):
    """Call it, and any resampling fails: what the desk's save must leave to the worker.

    (Reading the stored original's size from its header, as Django's form does, is allowed.)
    """

    def refuse(*args, **kwargs):
        raise AssertionError("a picture was drawn")

    def forbid():
        for name in ("resize", "reduce", "crop"):
            monkeypatch.setattr(PILImage.Image, name, refuse)

    return forbid


def marked_image(**fields):
    return ImageFactory(file=png(marked_picture(*WIDE[:2])), **fields)


def change(client, image, **fields):
    data = {"alt_text": image.alt_text, "caption": image.caption, "credit": image.credit}
    data.update({name: "" for name in ("focal_x", "focal_y", "focal_width", "focal_height")})
    data.update(fields)
    return client.post(reverse("admin:media_image_change", args=[image.pk]), data)


def crops(image):
    return {r.spec + "." + r.format: r.file.name for r in image.renditions.all() if "x" in r.spec}


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def queued():
    return [(r.task_path, r.args_kwargs["args"]) for r in DBTaskResult.objects.all()]


def test_the_desk_saves_the_point_and_queues_the_redraw_without_drawing(
    picture_desk, forbid_drawing
):
    image = marked_image()
    before = crops(image)
    forbid_drawing()

    response = change(picture_desk, image, focal_x=CORNER[0], focal_y=CORNER[1])

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (CORNER[0], CORNER[1])
    assert crops(image) == before
    assert image.crops_focal_point is None
    assert queued() == [("media.cropping.redraw_crops_task", [image.pk, CORNER])]


def test_the_worker_redraws_every_crop_around_the_point_under_new_names(
    picture_desk, settings, django_capture_on_commit_callbacks
):
    image = marked_image()
    old_crops = crops(image)
    uncropped = {r.pk for r in image.renditions.all() if "x" not in r.spec}
    change(picture_desk, image, focal_x=CORNER[0], focal_y=CORNER[1])

    with django_capture_on_commit_callbacks(execute=True):
        run_tasks()

    image = Image.objects.get(pk=image.pk)
    new_crops = crops(image)
    assert set(new_crops) == set(old_crops)
    assert not set(new_crops.values()) & set(old_crops.values())
    assert {r.pk for r in image.renditions.all() if "x" not in r.spec} == uncropped
    assert image.crops_focal_point == CORNER
    # What pages read, the image's own index, names the new files; the old ones are gone.
    for name in new_crops:
        spec, image_format = name.rsplit(".", 1)
        rendition = get_rendition(image, spec, image_format)
        assert rendition.file.name == new_crops[name]
        assert looks_like(pixels_of(rendition).getpixel((3, 3)), RED), name
    stored = {str(p.relative_to(settings.MEDIA_ROOT)) for p in stored_files(settings)}
    assert set(new_crops.values()) <= stored
    assert not set(old_crops.values()) & stored


def test_a_repeated_or_retried_task_changes_nothing():
    image = marked_image(focal_x=0.5, focal_y=0.5)
    Image.objects.filter(pk=image.pk).update(focal_x=CORNER[0], focal_y=CORNER[1])
    assert cropping.redraw_crops(image.pk, CORNER) == cropping.REDRAWN
    drawn = crops(image)

    assert cropping.redraw_crops(image.pk, CORNER) == cropping.DONE_ALREADY
    assert crops(image) == drawn


def test_a_task_for_a_point_since_moved_leaves_the_work_to_the_newer_task(picture_desk):
    image = marked_image()
    change(picture_desk, image, focal_x=0.9, focal_y=0.9)
    change(picture_desk, image, focal_x=CORNER[0], focal_y=CORNER[1])
    before = crops(image)

    assert cropping.redraw_crops(image.pk, [0.9, 0.9, None, None]) == cropping.STALE
    assert crops(image) == before

    run_tasks()

    image = Image.objects.get(pk=image.pk)
    assert image.crops_focal_point == CORNER
    square = get_rendition(image, "1x1-w400", "jpeg")
    assert looks_like(pixels_of(square).getpixel((3, 3)), RED)
    returned = sorted(r.return_value for r in DBTaskResult.objects.all())
    assert returned == [cropping.REDRAWN, cropping.STALE]


def test_a_task_for_a_deleted_image_does_nothing(picture_desk):
    image = marked_image()
    change(picture_desk, image, focal_x=0.2, focal_y=0.2)
    Image.objects.filter(pk=image.pk).delete()

    run_tasks()

    assert [r.return_value for r in DBTaskResult.objects.all()] == [cropping.GONE]


def test_a_point_moved_while_the_worker_draws_discards_the_drawing(settings, monkeypatch):
    image = marked_image()
    Image.objects.filter(pk=image.pk).update(focal_x=0.1, focal_y=0.1)
    files_before, crops_before = stored_files(settings), crops(image)
    draw = cropping.draw_renditions

    def draw_while_an_editor_moves_the_point(*args):
        Image.objects.filter(pk=image.pk).update(focal_x=0.7)
        return draw(*args)

    monkeypatch.setattr(cropping, "draw_renditions", draw_while_an_editor_moves_the_point)

    assert cropping.redraw_crops(image.pk, [0.1, 0.1, None, None]) == cropping.STALE
    assert crops(image) == crops_before
    assert stored_files(settings) == files_before


def test_a_redraw_that_fails_halfway_leaves_the_old_crops_and_can_run_again(settings, monkeypatch):
    image = marked_image()
    Image.objects.filter(pk=image.pk).update(focal_x=CORNER[0], focal_y=CORNER[1])
    files_before, crops_before = stored_files(settings), crops(image)
    save = cropping.save_to_storage
    calls = []

    def storage_fills_up(*args):
        calls.append(1)
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        return save(*args)

    monkeypatch.setattr(cropping, "save_to_storage", storage_fills_up)
    with pytest.raises(OSError):
        cropping.redraw_crops(image.pk, CORNER)

    assert crops(image) == crops_before
    assert stored_files(settings) == files_before
    assert Image.objects.get(pk=image.pk).crops_focal_point is None

    monkeypatch.setattr(cropping, "save_to_storage", save)
    assert cropping.redraw_crops(image.pk, CORNER) == cropping.REDRAWN


def test_a_new_upload_with_a_point_is_drawn_around_it_at_once_and_queues_nothing(picture_desk):
    image = marked_image()

    response = change(
        picture_desk,
        image,
        file=png(marked_picture(*WIDE[:2])),
        focal_x=CORNER[0],
        focal_y=CORNER[1],
    )

    assert response.status_code == 302
    image = Image.objects.get(pk=image.pk)
    assert image.crops_focal_point == CORNER
    square = get_rendition(image, "1x1-w400", "jpeg")
    assert looks_like(pixels_of(square).getpixel((3, 3)), RED)
    assert queued() == []


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"focal_x": "1.5", "focal_y": "0.5"}, "focal_x", "less than or equal to 1"),
        ({"focal_x": "left", "focal_y": "0.5"}, "focal_x", "Enter a number"),
        ({"focal_x": "0.5"}, "focal_y", "Give the point both across and down"),
        (
            {"focal_x": "0.9", "focal_y": "0.5", "focal_width": "0.5", "focal_height": "0.1"},
            "focal_width",
            "reaches past the edge",
        ),
    ],
)
def test_a_point_outside_the_picture_is_a_field_error_and_changes_nothing(
    picture_desk, fields, field, message
):
    image = marked_image(caption="Before")

    response = change(picture_desk, image, caption="After", **fields)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    image.refresh_from_db()
    assert (image.caption, image.focal_x, image.focal_y) == ("Before", None, None)
    assert queued() == []


def test_the_change_page_shows_the_picture_to_click_with_fields_to_type_in(picture_desk):
    image = marked_image(focal_x=0.25, focal_y=0.75)

    page = picture_desk.get(reverse("admin:media_image_change", args=[image.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="focal-picker" data-focal-x="0.25" data-focal-y="0.75"' in html
    assert 'src="/static/admin-desk/focal-point.js"' in html
    for name in ("focal_x", "focal_y", "focal_width", "focal_height"):
        assert f'type="number" name="{name}"' in html
    assert 'value="0.25"' in html


def test_a_new_image_has_no_focal_point_to_set_until_it_has_a_picture(admin_client):
    page = admin_client.get(reverse("admin:media_image_add"))

    assert page.status_code == 200
    assert 'name="focal_x"' not in page.content.decode()


def test_every_cropping_spec_is_redrawn_and_no_other():
    image = marked_image()
    Image.objects.filter(pk=image.pk).update(focal_x=0.5, focal_y=0.2)
    untouched = {r.pk for r in image.renditions.all() if not Spec.parse(r.spec).crop}

    cropping.redraw_crops(image.pk, [0.5, 0.2, None, None])

    after = Image.objects.get(pk=image.pk).renditions.all()
    assert {r.pk for r in after if not Spec.parse(r.spec).crop} == untouched
    assert {r.spec for r in after if Spec.parse(r.spec).crop} >= {
        "16x9-w1200",
        "4x3-w1200",
        "1x1-w1200",
        "40x21-w1200",
    }


def test_an_unchanged_point_in_a_save_queues_nothing(picture_desk):
    image = marked_image(focal_x=0.5, focal_y=0.5)

    change(picture_desk, image, caption="New words", focal_x="0.5", focal_y="0.5")

    assert Image.objects.get(pk=image.pk).caption == "New words"
    assert queued() == []


def test_the_change_page_shows_the_crops_and_says_while_they_are_being_redrawn(picture_desk):
    image = marked_image()
    url = reverse("admin:media_image_change", args=[image.pk])
    change(picture_desk, image, focal_x=CORNER[0], focal_y=CORNER[1])

    waiting = picture_desk.get(url).content.decode()
    run_tasks()
    redrawn = picture_desk.get(url).content.decode()

    square = Image.objects.get(pk=image.pk).renditions.get(spec="1x1-w400", format="jpeg")
    assert "Being redrawn for the new focal point" in waiting
    assert square.file.url not in waiting
    assert "Being redrawn" not in redrawn
    assert f'src="{square.file.url}"' in redrawn


def test_a_refused_point_is_not_said_to_be_being_redrawn(picture_desk):
    image = marked_image()

    response = change(picture_desk, image, focal_x="0.5", focal_y="7")

    assert response.status_code == 200
    assert "Being redrawn" not in response.content.decode()


def test_a_form_loaded_before_another_editors_redraw_puts_its_point_back_and_the_crops_follow(
    picture_desk,
):
    image = marked_image()
    url = reverse("admin:media_image_change", args=[image.pk])
    picture_desk.get(url)  # the first editor opens the form: no focal point
    change(picture_desk, image, focal_x=CORNER[0], focal_y=CORNER[1])  # a second sets one
    run_tasks()
    DBTaskResult.objects.all().delete()

    # The first editor saves new words from the form still showing no point.
    response = change(picture_desk, image, caption="New words")

    assert response.status_code == 302
    image = Image.objects.get(pk=image.pk)
    assert (image.caption, image.focal_point_key()) == ("New words", None)
    assert queued() == [("media.cropping.redraw_crops_task", [image.pk, None])]
    run_tasks()
    assert Image.objects.get(pk=image.pk).crops_focal_point is None


def test_saving_an_image_whose_crops_lag_its_point_queues_the_redraw_again(picture_desk):
    """A redraw that failed (a storage outage, say) is tried again by the next save."""
    image = marked_image()
    Image.objects.filter(pk=image.pk).update(focal_x=0.5, focal_y=0.2)

    change(picture_desk, image, caption="New words", focal_x="0.5", focal_y="0.2")

    assert queued() == [("media.cropping.redraw_crops_task", [image.pk, [0.5, 0.2, None, None]])]
