from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from media import cropping, usage
from media.forms import ImageForm
from media.models import Image
from media.renditions import SOCIAL_CARD, get_rendition

PICKER_THUMBNAIL_WIDTH = 240
# Wide enough to place a point on a face in a crowd; the w800 rendition is uncropped.
FOCAL_PICKER_WIDTH = 640
CROPS_PENDING = (
    '<div class="focal-crops__pending">Being redrawn for the new focal point; these are the '
    "crops from before it. Reload in a moment.</div>"
)
# The stored crops shown under the picker, each 90 px high: spec, name, width.
CROP_PREVIEWS = [
    ("16x9-w400", "16:9, cards", 160),
    ("4x3-w1200", "4:3", 120),
    ("1x1-w400", "square", 90),
    (SOCIAL_CARD, "social card", 171),
]


def thumbnail(image, width, spec="w400"):
    """What an ``<img>`` of ``image`` needs on admin screens, or None with no file to show.

    A rendition, not the original: a list of a hundred camera originals would weigh hundreds
    of megabytes.
    """
    if image is None or not image.file:
        return None
    try:
        rendition = get_rendition(image, spec)
    except OSError:
        # A missing or unreadable file must not take down the screen where it gets fixed.
        return None
    width = min(width, rendition.width)
    return {
        "src": rendition.file.url,
        "alt": image.alt_text,
        "width": width,
        "height": max(1, round(width * rendition.height / rendition.width)),
    }


def image_tag(image, width, spec="w400"):
    """An ``<img>`` of ``image`` for admin screens, or None when there is no file to show."""
    if (picture := thumbnail(image, width, spec)) is None:
        return None
    return format_html(
        '<img src="{src}" alt="{alt}" width="{width}" height="{height}" loading="lazy">',
        **picture,
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
        (None, {"fields": ["file", "alt_text", "caption", "credit"]}),
        (
            "Focal point",
            {
                "fields": [
                    "preview",
                    ("focal_x", "focal_y"),
                    ("focal_width", "focal_height"),
                    "crops",
                ],
                "description": (
                    "What every crop of the picture keeps in frame (the wide, 4:3, square and "
                    "social-card versions). Click the picture to set the point, or drag across "
                    "it to mark an area; or type the numbers. Leave them empty for the centre. "
                    "The crops are redrawn in the background within a minute of saving."
                ),
            },
        ),
        ("Record", {"fields": ["size", "uploaded_by", "uploaded_at"]}),
    ]
    readonly_fields = ["preview", "crops", "size", "uploaded_by", "uploaded_at"]

    class Media:
        css = {"all": ["admin-desk/focal-point.css"]}
        js = ["admin-desk/focal-point.js"]

    @admin.display(description="image")
    def thumbnail(self, image):
        return image_tag(image, width=80)

    @admin.display(description="preview")
    def preview(self, image):
        """The picture, on which focal-point.js lets the editor place the focal point."""
        picture = image_tag(image, width=FOCAL_PICKER_WIDTH, spec="w800")
        if picture is None:
            return self.get_empty_value_display()
        point = image.focal_point
        return format_html(
            '<div class="focal-picker" data-focal-x="{}" data-focal-y="{}" '
            'data-focal-width="{}" data-focal-height="{}">{}'
            '<span class="focal-picker__area" hidden></span>'
            '<span class="focal-picker__marker" hidden></span></div>',
            *(
                ("" if value is None else value)
                for value in (
                    (point.x, point.y, point.width, point.height) if point else (None,) * 4
                )
            ),
            picture,
        )

    @admin.display(description="crops readers see")
    def crops(self, image):
        """The stored crops, so the editor sees what the point did, once the worker has run."""
        figures = [
            (picture, label)
            for spec, label, width in CROP_PREVIEWS
            if (picture := image_tag(image, width=width, spec=spec))
        ]
        if not figures:
            return self.get_empty_value_display()
        # As stored: a form shown again with errors holds a point that was never saved.
        saved = Image.objects.filter(pk=image.pk).first()
        pending = saved and saved.crops_focal_point != saved.focal_point_key()
        return format_html(
            '<div class="focal-crops">{}</div>{}',
            format_html_join("", "<figure>{}<figcaption>{}</figcaption></figure>", figures),
            mark_safe(CROPS_PENDING) if pending else "",
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # A focal point is placed on the picture, which a new image does not have yet.
        return fieldsets if obj is not None else [f for f in fieldsets if f[0] != "Focal point"]

    @admin.display(description="size")
    def size(self, image):
        # A refused upload has set the form's copy to its own size: show only a stored file's.
        if not image.width or not image.file or not image.file._committed:
            return self.get_empty_value_display()
        return f"{image.width}×{image.height}"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def get_urls(self):
        view = self.admin_site.admin_view(self.thumbnail_view)
        return [
            path("<path:object_id>/thumbnail/", view, name="media_image_thumbnail"),
            *super().get_urls(),
        ]

    def thumbnail_view(self, request, object_id):
        """The thumbnail a picker shows once an image is chosen (media/widgets.py)."""
        image = self.get_object(request, unquote(object_id))
        if image is None or not self.has_view_permission(request, image):
            raise Http404("No such image.")
        picture = thumbnail(image, width=PICKER_THUMBNAIL_WIDTH)
        if picture is None:
            raise Http404("This image has no file to show.")
        # The gallery block shows the library's own words beside the story's.
        return JsonResponse({**picture, "caption": image.caption, "credit": image.credit})

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if change:
            # Whatever changed: a form loaded before another editor's new point was drawn puts
            # back the point it showed, and the crops must follow that again.
            cropping.redraw_crops_later(image=obj)
        if change and form.changed_data:
            labels = [str(form.fields[name].label or name).lower() for name in form.changed_data]
            usage.image_changed.send(Image, image=obj, user=request.user, changed=labels)

    # --- Who may change or delete: the apps showing an image decide (media/usage.py) ------------

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or usage.refusal(request.user, obj, usage.CHANGE) is None)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or usage.refusal(request.user, obj, usage.DELETE) is None)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and (reason := usage.refusal(request.user, obj, usage.CHANGE)):
            self.message_user(request, reason, messages.WARNING)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                ImageAdmin.delete_unused,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    @admin.action(permissions=["delete"])
    def delete_unused(self, request, queryset):
        """Stock "delete selected", except for images something still shows."""
        refused = [
            (image, reason)
            for image in queryset
            if (reason := usage.refusal(request.user, image, usage.DELETE))
        ]
        if refused:
            for image, reason in refused:
                self.message_user(request, f"“{image}”: {reason}", messages.ERROR)
            self.message_user(request, "Nothing was deleted.", messages.ERROR)
            return None
        return delete_selected(self, request, queryset)
