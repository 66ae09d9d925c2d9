"""The article form's widgets: the body editor's extensions and the tag picker."""

from django import forms
from django.conf import settings
from django.urls import reverse, reverse_lazy
from taggit.utils import parse_tags

# What the body editor offers: exactly what the sanitiser keeps (see test_editor.py).
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HTML": True,
    # Draws a paragraph holding only a provider's link as an embed block; adds no markup.
    "EmbedLinks": {
        "providers": [
            {"label": provider["label"], "patterns": provider["patterns"]}
            for provider in settings.NEWSROOM_EMBED_PROVIDERS
        ]
    },
}
# A story's body also holds photo galleries (static/admin-desk/gallery-editor.js), pictures
# found as the lead image picker finds them; live updates have one picture of their own.
ARTICLE_EDITOR_EXTENSIONS = {
    **EDITOR_EXTENSIONS,
    "Gallery": {
        "searchUrl": reverse_lazy("admin:autocomplete"),
        "thumbnailUrl": reverse_lazy("admin:media_image_thumbnail", args=["0"]),
    },
}


class TagAutocomplete(forms.SelectMultiple):
    """Tags picked from the existing ones as you type, or new ones typed in.

    Uses the admin's own autocomplete endpoint and its bundled select2; posts tag names, which
    taggit's field reads as a comma-separated list.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "desk-tags", "data-width": "100%", **(attrs or {})})

    @property
    def media(self):
        extra = "" if settings.DEBUG else ".min"
        return forms.Media(
            js=[
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                "admin/js/jquery.init.js",
                "admin-desk/tags.js",
            ],
            css={
                "screen": [
                    f"admin/css/vendor/select2/select2{extra}.css",
                    "admin/css/autocomplete.css",
                ]
            },
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-ajax-url": reverse("admin:autocomplete"),
                "data-app-label": "articles",
                "data-model-name": "article",
                "data-field-name": "tags",
            }
        )
        return context

    def format_value(self, value):
        if not value:
            return []
        if isinstance(value, str):
            return parse_tags(value)
        return [getattr(tag, "name", tag) for tag in value]

    def optgroups(self, name, value, attrs=None):
        options = [
            self.create_option(name, tag, tag, True, index) for index, tag in enumerate(value)
        ]
        return [(None, options, 0)]

    def value_from_datadict(self, data, files, name):
        names = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if names is None or isinstance(names, str):
            return names
        # One name per option; a name with a space is quoted so it stays whole. An option holding
        # commas is already a comma-separated list (as typed without JavaScript).
        return ", ".join(f'"{tag}"' if " " in tag and "," not in tag else tag for tag in names)
