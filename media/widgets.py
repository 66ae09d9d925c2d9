"""The image picker of desk forms: find a picture by its words, see it once it is chosen."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse
from django.utils.html import format_html

from media.admin import PICKER_THUMBNAIL_WIDTH, image_tag
from media.models import Image

ANY_IMAGE = "0"


class ImagePicker(AutocompleteSelect):
    """The admin's autocomplete for an image field, with a thumbnail of the chosen image.

    The thumbnail follows the choice, whether picked from the list or uploaded with "+"
    (image-picker.js asks the image library's thumbnail address for it).
    """

    @property
    def media(self):
        # Named after jquery.init.js, which it needs: Media orders only what lists share.
        return super().media + forms.Media(
            js=["admin/js/jquery.init.js", "admin-desk/image-picker.js"]
        )

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-thumbnail-url"] = reverse("admin:media_image_thumbnail", args=[ANY_IMAGE])
        return attrs

    def render(self, name, value, attrs=None, renderer=None):
        select = super().render(name, value, attrs, renderer)
        image = None
        if value not in (None, "") and str(value).isdigit():
            image = Image.objects.prefetch_related("renditions").filter(pk=value).first()
        return format_html(
            '{}<span class="desk-image-preview" aria-live="polite">{}</span>',
            select,
            image_tag(image, width=PICKER_THUMBNAIL_WIDTH) or "",
        )
