from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.admin.widgets import EDITOR_EXTENSIONS
from articles.sanitizer import sanitize_html
from authors.models import Author
from live.models import LiveUpdate
from live.services import MAX_POLL_SECONDS, MIN_POLL_SECONDS
from media.models import Image
from media.widgets import ImagePicker


def image_picker(user):
    """The article form's lead-image picker: find by words, upload with "+", see it chosen."""
    relation = LiveUpdate._meta.get_field("image").remote_field
    return RelatedFieldWidgetWrapper(
        ImagePicker(LiveUpdate._meta.get_field("image"), admin.site),
        relation,
        admin.site,
        can_add_related=user is not None and user.has_perm("media.add_image"),
        can_change_related=False,
        can_delete_related=False,
        can_view_related=False,
    )


class UpdateForm(forms.Form):
    """The console's one field to write an update, with its optional title, picture and pin."""

    title = forms.CharField(max_length=200, required=False)
    body = ProseEditorFormField(
        label="Update",
        extensions=EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
        widget=AdminProseEditorWidget,
        help_text="Cleaned of scripts and unsafe markup on save.",
    )
    image = forms.ModelChoiceField(
        queryset=Image.objects.all(),
        required=False,
        help_text="Optional: type words of its alt text, caption or credit to find a picture, "
        "or upload one with “+”.",
    )
    authors = forms.ModelMultipleChoiceField(
        queryset=Author.objects.order_by("name"),
        required=False,
        widget=AutocompleteSelectMultiple(LiveUpdate._meta.get_field("authors"), admin.site),
    )
    staff_byline = forms.BooleanField(label="Staff byline", required=False)
    is_key_event = forms.BooleanField(label="Key event", required=False)
    update = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        image = self.fields["image"]
        image.widget = image_picker(user)
        image.widget.choices = image.choices
        staff = settings.SITE_NAME
        self.fields["staff_byline"].help_text = f"Credit it to “{staff}” when no one is named."
        self.has_author_profile = Author.objects.profile_of(user) is not None
        self.fields["authors"].help_text = (
            "Type to find a name. Empty: you (your author profile)."
            if self.has_author_profile
            else "Type to find a name. Your account has no author profile: name who wrote "
            "it, or tick “Staff byline”."
        )

    @classmethod
    def editing(cls, update, user=None):
        return cls(
            initial={
                "title": update.title,
                "body": update.body,
                "image": update.image_id,
                "is_key_event": update.is_key_event,
                "authors": [author.pk for author in update.authors.all()],
                "update": update.pk,
                "version": update.version,
            },
            prefix="write",
            user=user,
        )


class PollForm(forms.Form):
    poll_seconds = forms.IntegerField(
        label="Readers check every (seconds)",
        required=False,
        min_value=MIN_POLL_SECONDS,
        max_value=MAX_POLL_SECONDS,
        help_text="Slow it down under heavy load; empty for the site's default.",
    )


class CorrectionForm(forms.Form):
    text = forms.CharField(label="Correction", widget=forms.Textarea(attrs={"rows": 2}))
