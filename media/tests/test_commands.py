import io

import pytest
from django.core.management import call_command

from media.models import Image, Rendition
from media.renditions import site_specs
from media.tests.factories import ImageFactory, uploaded_image

pytestmark = pytest.mark.django_db


def test_make_renditions_fills_in_what_an_older_database_lacks():
    complete = ImageFactory(file=uploaded_image(width=1300, height=650))
    bare = ImageFactory(file=uploaded_image(width=2000, height=1500))
    bare.renditions.all().delete()
    complete.renditions.filter(spec="w800").delete()
    kept = set(Rendition.objects.values_list("pk", flat=True))
    output = io.StringIO()

    call_command("make_renditions", stdout=output)

    for image in (complete, bare):
        image = Image.objects.get(pk=image.pk)
        made = set(image.renditions.values_list("spec", "format"))
        assert made == {(spec.name, image_format) for spec, image_format in site_specs(image)}
    assert kept <= set(Rendition.objects.values_list("pk", flat=True))
    assert "20 renditions made" in output.getvalue()  # 18 + 2; the social card is one

    call_command("make_renditions", stdout=output)
    assert "0 renditions made" in output.getvalue()


def test_make_renditions_reports_a_missing_original_and_goes_on():
    lost = ImageFactory()
    lost.renditions.all().delete()
    lost.file.storage.delete(lost.file.name)
    fine = ImageFactory()
    fine.renditions.all().delete()
    errors = io.StringIO()

    call_command("make_renditions", stdout=io.StringIO(), stderr=errors)

    assert f"Image {lost.pk}" in errors.getvalue()
    assert fine.renditions.exists() and not lost.renditions.exists()
