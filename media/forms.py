import logging
import warnings

from django import forms
from django.core.exceptions import ValidationError
from PIL import Image as PILImage

from media.models import Image
from media.uploads import EXTENSIONS, UnreadableUpload
from media.validators import too_many_pixels, upload_limits

logger = logging.getLogger(__name__)

FOCAL_POINT_FIELDS = {"focal_x", "focal_y", "focal_width", "focal_height"}
STORAGE_FAILED = (
    "The picture could not be stored: the upload storage is full or cannot be written to. "
    "Nothing was saved. Try again later, or tell whoever runs the site."
)


class UploadImageField(forms.ImageField):
    """Names the upload after the format Pillow finds in it, whatever it was called.

    A JPEG called ``photo.png`` or ``IMG_0001`` is a JPEG; the extension check that follows
    sees the true one. Pillow's own decompression-bomb refusal becomes our pixel-limit error.
    """

    def to_python(self, data):
        with warnings.catch_warnings():
            # Above our limit anyway (media.validators says so, clearly); not a crash.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            try:
                upload = super().to_python(data)
            except ValidationError as error:
                if isinstance(error.__cause__, PILImage.DecompressionBombError):
                    raise too_many_pixels() from error
                raise
        extension = EXTENSIONS.get(getattr(getattr(upload, "image", None), "format", None))
        if extension:
            upload.name = f"upload.{extension}"
        return upload


class ImageForm(forms.ModelForm):
    """Stores a new upload while validating, so a storage failure is a form error, not a 500.

    The files are written only once every other field is valid; the row follows in save().
    Nothing is left behind when storage fails: Image.store_upload removes what it wrote.
    """

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", *sorted(FOCAL_POINT_FIELDS)]
        field_classes = {"file": UploadImageField}
        widgets = {
            name: forms.NumberInput(attrs={"min": 0, "max": 1, "step": "any"})
            for name in FOCAL_POINT_FIELDS
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:  # not when the image is shown read-only
            self.fields["file"].help_text = upload_limits()

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not self.instance.has_new_upload():
            return
        try:
            self.instance.store_upload()
        except UnreadableUpload:
            self.add_error("file", "This file is not an image we can read.")
        except OSError:
            logger.exception("Could not store an uploaded image")
            self.add_error("file", STORAGE_FAILED)
