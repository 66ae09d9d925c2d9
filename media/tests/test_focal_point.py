"""Every crop keeps the focal point in frame; a focal point outside the picture is refused."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from media.models import Image
from media.renditions import SOCIAL_CARD, FocalPoint, Spec, get_rendition, site_specs
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

GREY = (128, 128, 128)
RED = (220, 20, 20)
BLUE = (20, 20, 220)
GREEN = (20, 200, 20)


def png(picture):
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return SimpleUploadedFile("marked.png", buffer.getvalue())


def marked_picture(size, mark_box, color=RED):
    picture = PILImage.new("RGB", size, GREY)
    picture.paste(color, mark_box)
    return picture


def pixels(rendition):
    with rendition.file.open("rb") as handle:
        picture = PILImage.open(handle)
        picture.load()
    return picture.convert("RGB")


def looks_like(pixel, color):
    return all(abs(a - b) < 45 for a, b in zip(pixel, color, strict=True))


def crops_of(image):
    """Every stored crop of ``image`` (each shape, width and format), as pictures."""
    specs = [(spec, image_format) for spec, image_format in site_specs(image) if spec.crop]
    assert {spec.crop_name for spec, _ in specs} == {"16x9", "4x3", "1x1", "40x21"}
    return {
        (spec.name, image_format): pixels(get_rendition(image, spec.name, image_format))
        for spec, image_format in specs
    }


# A wide picture loses its sides in every crop, a tall one its top and bottom. Each has a red
# corner, the focal point at the corner's middle.
WIDE = ((2400, 800), (0, 0, 300, 300), (150 / 2400, 150 / 800))
TALL = ((800, 2400), (500, 2100, 800, 2400), (650 / 800, 2250 / 2400))


@pytest.mark.parametrize(("size", "mark", "point"), [WIDE, TALL], ids=["wide", "tall"])
def test_every_crop_keeps_the_marked_corner_the_focal_point_is_on(size, mark, point):
    image = ImageFactory(file=png(marked_picture(size, mark)), focal_x=point[0], focal_y=point[1])

    crops = crops_of(image)

    for name, crop in crops.items():
        width, height = crop.size
        # The corner of the crop on the marked corner's side of the picture.
        corner = (3, 3) if mark[0] == 0 else (width - 4, height - 4)
        assert looks_like(crop.getpixel(corner), RED), name


@pytest.mark.parametrize(("size", "mark", "point"), [WIDE, TALL], ids=["wide", "tall"])
def test_without_a_focal_point_the_crops_lose_that_corner(size, mark, point):
    image = ImageFactory(file=png(marked_picture(size, mark)))

    for name, crop in crops_of(image).items():
        width, height = crop.size
        corner = (3, 3) if mark[0] == 0 else (width - 4, height - 4)
        assert looks_like(crop.getpixel(corner), GREY), name
        assert looks_like(crop.getpixel((width // 2, height // 2)), GREY), name


def test_a_crop_is_centred_on_a_point_away_from_the_edges():
    picture = PILImage.new("RGB", (2400, 800), GREY)
    picture.paste(GREEN, (660, 340, 780, 460))  # centred on (720, 400): 30 % across
    image = ImageFactory(file=png(picture), focal_x=0.3, focal_y=0.5)

    square = pixels(get_rendition(image, "1x1-w400", "jpeg"))

    assert square.size == (400, 400)
    assert looks_like(square.getpixel((200, 200)), GREEN)
    # 800 source pixels across, from 320: the green square spans 170..230 here.
    assert looks_like(square.getpixel((160, 200)), GREY)
    assert looks_like(square.getpixel((240, 200)), GREY)


def test_a_focal_area_that_fits_is_kept_whole():
    # A blue band 600 px wide near the left of a 2000 x 1000 picture; the square crop is 1000.
    picture = PILImage.new("RGB", (2000, 1000), GREY)
    picture.paste(BLUE, (100, 400, 700, 600))
    image = ImageFactory(
        file=png(picture), focal_x=0.2, focal_y=0.5, focal_width=0.3, focal_height=0.2
    )

    square = pixels(get_rendition(image, "1x1-w1200", "jpeg"))

    assert square.size == (1000, 1000)
    for x in (105, 400, 695):  # both ends of the band and its middle
        assert looks_like(square.getpixel((x, 500)), BLUE), x


def test_the_social_card_is_cut_around_the_point_at_the_size_platforms_show():
    image = ImageFactory(file=png(marked_picture(*WIDE[:2])), focal_x=WIDE[2][0], focal_y=0.5)

    card = get_rendition(image, SOCIAL_CARD, "jpeg")

    assert (card.width, card.height) == (1200, 630)
    assert looks_like(pixels(card).getpixel((3, 3)), RED)


@pytest.mark.parametrize(
    ("point", "box"),
    [
        (None, (800, 0, 1600, 800)),
        (FocalPoint(0.0, 0.0), (0, 0, 800, 800)),
        (FocalPoint(1.0, 1.0), (1600, 0, 2400, 800)),
        (FocalPoint(0.4, 0.9), (560, 0, 1360, 800)),
    ],
)
def test_the_crop_box_follows_the_point_and_stays_inside_the_picture(point, box):
    assert Spec.parse("1x1-w400").source_box(2400, 800, point) == pytest.approx(box)
    tall = Spec.parse("1x1-w400").source_box(800, 2400, point and FocalPoint(point.y, point.x))
    assert tall == pytest.approx((box[1], box[0], box[3], box[2]))


def test_an_uncropped_rendition_shows_the_whole_picture_whatever_the_point():
    assert Spec.parse("w800").source_box(2400, 800, FocalPoint(0.1, 0.1)) == (0, 0, 2400, 800)


# --- Validation -------------------------------------------------------------------------------


def focal_errors(**fields):
    image = Image(alt_text="A photograph", width=100, height=100, **fields)
    with pytest.raises(ValidationError) as refused:
        image.full_clean(exclude=["file"])
    return refused.value.message_dict


def test_a_point_outside_the_picture_is_a_field_error():
    assert set(focal_errors(focal_x=1.5, focal_y=-0.1)) == {"focal_x", "focal_y"}


def test_half_a_point_names_the_missing_coordinate():
    assert focal_errors(focal_x=0.5) == {
        "focal_y": ["Give the point both across and down, or leave both empty."]
    }


def test_an_area_reaching_past_an_edge_is_refused_on_the_side_it_crosses():
    errors = focal_errors(focal_x=0.9, focal_y=0.5, focal_width=0.4, focal_height=0.2)
    assert list(errors) == ["focal_width"]
    assert "past the edge" in errors["focal_width"][0]


def test_an_area_needs_its_point_and_a_size():
    assert list(focal_errors(focal_width=0.2, focal_height=0.2)) == ["focal_x"]
    assert list(focal_errors(focal_x=0.5, focal_y=0.5, focal_width=0.2)) == ["focal_height"]
    assert list(focal_errors(focal_x=0.5, focal_y=0.5, focal_width=0, focal_height=0.2)) == [
        "focal_width"
    ]


def test_an_area_touching_the_edges_is_allowed():
    image = Image(
        alt_text="A photograph", focal_x=0.5, focal_y=0.5, focal_width=1.0, focal_height=1.0
    )
    image.full_clean(exclude=["file"])


def test_the_point_is_where_the_editor_sees_it_on_a_picture_the_camera_stored_on_its_side():
    # Stored landscape with the red corner top left; shown turned 90° clockwise, the corner is
    # at the top right of an upright picture, where the editor places the point.
    stored = marked_picture((2400, 800), (0, 0, 300, 300))
    exif = PILImage.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=95, exif=exif)
    image = ImageFactory(
        file=SimpleUploadedFile("sideways.jpg", buffer.getvalue()),
        focal_x=650 / 800,
        focal_y=150 / 2400,
    )

    assert (image.width, image.height) == (800, 2400)
    for name, crop in crops_of(image).items():
        assert looks_like(crop.getpixel((crop.width - 4, 3)), RED), name
        assert looks_like(crop.getpixel((3, crop.height - 4)), GREY), name
