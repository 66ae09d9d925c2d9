import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from media.models import Image


def image_bytes(width=64, height=48, image_format="JPEG", color=(30, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, image_format)
    return buffer.getvalue()


def uploaded_image(name="photo.jpg", **kwargs):
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.LazyFunction(uploaded_image)
    alt_text = factory.Sequence(lambda n: f"A photograph, number {n}")
    caption = "Residents gather outside the city hall."
    credit = "Staff photographer"
