from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import get_random_string

from media.validators import validate_image_upload


def image_upload_path(instance, filename):
    # Files are stored under a date folder with a name we choose, never the uploader's.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"images/{timezone.now():%Y/%m}/{get_random_string(16).lower()}.{extension}"


class Image(models.Model):
    """A picture with the words that must travel with it: alt text, caption and credit."""

    file = models.ImageField(
        upload_to=image_upload_path,
        width_field="width",
        height_field="height",
        validators=[validate_image_upload],
    )
    alt_text = models.CharField(
        max_length=300,
        help_text="Describes the picture for readers who cannot see it.",
    )
    caption = models.TextField(blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text='e.g. "Gavriil Grigorov / POOL / AFP"'
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="uploaded_images",
        editable=False,
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.alt_text[:80]

    def save(self, *args, **kwargs):
        saved_name = getattr(self, "_saved_file_name", None)
        file_changed = self.pk and saved_name is not None and saved_name != self.file.name
        super().save(*args, **kwargs)
        if file_changed:
            # Renditions of the old picture must never be served for the new one.
            for rendition in self.renditions.all():
                rendition.file.delete(save=False)
            self.renditions.all().delete()
            self.__dict__.pop("_renditions_by_key", None)
        self._saved_file_name = self.file.name

    @classmethod
    def from_db(cls, db, field_names, values):
        image = super().from_db(db, field_names, values)
        if "file" in field_names:
            image._saved_file_name = image.file.name
        return image

    @property
    def caption_with_credit(self):
        return caption_with_credit(self.caption, self.credit)


def caption_with_credit(caption, credit):
    """The caption as newsrooms print it: the credit follows in parentheses."""
    if caption and credit:
        return f"{caption} ({credit})"
    return caption or (f"({credit})" if credit else "")


def rendition_upload_path(rendition, filename):
    return f"renditions/{rendition.image_id}/{filename}"


class Rendition(models.Model):
    """A resized (and maybe cropped) copy of an image, made once and stored (see renditions.py)."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=40)
    format = models.CharField(max_length=8)
    file = models.ImageField(upload_to=rendition_upload_path)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["image", "spec", "format"], name="unique_rendition_per_spec"
            ),
        ]

    def __str__(self):
        return f"{self.image_id} {self.spec}.{self.format}"
