import logging

from django import forms

from media.models import Image
from media.uploads import UnreadableUpload

logger = logging.getLogger(__name__)

STORAGE_FAILED = (
    "The picture could not be stored: the upload storage is full or cannot be written to. "
    "Nothing was saved. Try again later, or tell whoever runs the site."
)


class ImageForm(forms.ModelForm):
    """Stores a new upload while validating, so a storage failure is a form error, not a 500.

    The files are written only once every other field is valid; the row follows in save().
    Nothing is left behind when storage fails: Image.store_upload removes what it wrote.
    """

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit"]

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
