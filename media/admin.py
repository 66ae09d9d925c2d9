from django.contrib import admin
from django.utils.html import format_html

from media.forms import ImageForm
from media.models import Image
from media.renditions import get_rendition


def image_tag(image, width, spec="w400"):
    """An ``<img>`` of ``image`` for admin screens, or None when there is no file to show.

    Shows a rendition, not the original: a list of a hundred camera originals would weigh
    hundreds of megabytes.
    """
    if image is None or not image.file:
        return None
    try:
        rendition = get_rendition(image, spec)
    except OSError:
        # A missing or unreadable file must not take down the screen where it gets fixed.
        return None
    width = min(width, rendition.width)
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy">',
        rendition.file.url,
        image.alt_text,
        width,
        max(1, round(width * rendition.height / rendition.width)),
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "thumbnail",
        "alt_text",
        "caption",
        "credit",
        "size",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "alt_text"]
    list_select_related = ["uploaded_by"]
    # Also what the lead image and author photo autocompletes search.
    search_fields = ["alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    fieldsets = [
        (None, {"fields": ["file", "preview", "alt_text", "caption", "credit"]}),
        ("Record", {"fields": ["size", "uploaded_by", "uploaded_at"]}),
    ]
    readonly_fields = ["preview", "size", "uploaded_by", "uploaded_at"]

    @admin.display(description="image")
    def thumbnail(self, image):
        return image_tag(image, width=80)

    @admin.display(description="preview")
    def preview(self, image):
        return image_tag(image, width=480, spec="w800") or self.get_empty_value_display()

    @admin.display(description="size")
    def size(self, image):
        # A refused upload has set the form's copy to its own size: show only a stored file's.
        if not image.width or not image.file or not image.file._committed:
            return self.get_empty_value_display()
        return f"{image.width}×{image.height}"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
