"""Each image's row indexes its stored renditions, so pages find them without a query; the
index always says what the Rendition rows say (media.models.refresh_rendition_index)."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from media.models import Image, Rendition
from media.renditions import get_rendition
from media.tests.factories import ImageFactory, uploaded_image

pytestmark = pytest.mark.django_db


def rows_of(image):
    return {
        f"{spec}.{image_format}": [name, width, height]
        for spec, image_format, name, width, height in Rendition.objects.filter(
            image=image
        ).values_list("spec", "format", "file", "width", "height")
    }


def stored_index(image):
    return Image.objects.values_list("rendition_index", flat=True).get(pk=image.pk)


def test_saving_an_image_indexes_every_rendition_it_stores():
    image = ImageFactory(file=uploaded_image(width=2000, height=1000))
    assert len(rows_of(image)) > 10
    assert stored_index(image) == rows_of(image) == image.rendition_index


def test_replacing_the_file_indexes_the_new_renditions_only():
    image = ImageFactory(file=uploaded_image(width=2000, height=1000))
    old_names = {name for name, _, _ in stored_index(image).values()}
    image.file = uploaded_image(width=900, height=600)
    image.save()
    index = stored_index(image)
    assert index == rows_of(image)
    assert not old_names & {name for name, _, _ in index.values()}
    assert index["w800.jpeg"][1:] == [800, 533]


def test_renditions_deleted_or_drawn_later_update_the_index():
    image = ImageFactory(file=uploaded_image(width=2000, height=1000))
    image.renditions.filter(spec__in=["w800", "16x9-w800"]).delete()
    assert "w800.jpeg" not in stored_index(image)
    assert stored_index(image) == rows_of(image)

    call_command("make_renditions", str(image.pk), stdout=None)
    assert "w800.jpeg" in stored_index(image)
    assert stored_index(image) == rows_of(image)


def test_an_edit_from_a_copy_loaded_earlier_keeps_the_current_index():
    image = ImageFactory(file=uploaded_image(width=2000, height=1000))
    earlier_copy = Image.objects.get(pk=image.pk)
    image.renditions.filter(spec="w1600").delete()

    earlier_copy.caption = "A new caption"
    earlier_copy.save()

    assert Image.objects.get(pk=image.pk).caption == "A new caption"
    assert "w1600.jpeg" not in stored_index(image)
    assert stored_index(image) == rows_of(image)


def test_pages_serve_the_indexed_rendition_without_a_query(django_assert_num_queries):
    image = Image.objects.get(pk=ImageFactory(file=uploaded_image(width=2000, height=1000)).pk)
    w1200 = Rendition.objects.get(image=image, spec="w1200", format="jpeg")
    with django_assert_num_queries(0):
        rendition = get_rendition(image, "w1200", "jpeg")
        url = rendition.file.url
    assert (url, rendition.width, rendition.height) == (w1200.file.url, 1200, 600)
    assert rendition.file.size == w1200.file.size


def test_an_image_not_indexed_yet_is_served_from_its_rows(django_assert_num_queries):
    image = ImageFactory(file=uploaded_image(width=2000, height=1000))
    Image.objects.filter(pk=image.pk).update(rendition_index=None)
    image = Image.objects.get(pk=image.pk)
    with django_assert_num_queries(1):
        rendition = get_rendition(image, "16x9-w400", "webp")
    assert rendition == Rendition.objects.get(image=image, spec="16x9-w400", format="webp")


def test_the_migration_indexes_images_stored_before_the_index():
    with_renditions = ImageFactory(file=uploaded_image(width=2000, height=1000))
    without = ImageFactory(file=uploaded_image(width=900, height=600))
    without.renditions.all().delete()
    Image.objects.update(rendition_index=None)

    migration = importlib.import_module("media.migrations.0003_image_rendition_index")
    migration.index_stored_renditions(apps, None)

    assert stored_index(with_renditions) == rows_of(with_renditions) != {}
    assert stored_index(without) == {}


def test_deleting_an_image_does_not_reindex_it_per_rendition():
    image = ImageFactory(file=uploaded_image(width=2000, height=1000))
    with CaptureQueriesContext(connection) as queries:
        image.delete()
    assert not Rendition.objects.exists() and not Image.objects.exists()
    assert not [query for query in queries if "rendition_index" in query["sql"]]
