from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.desk.widgets import EDITOR_EXTENSIONS
from articles.sanitizer import sanitize_html
from authors.models import Author
from live.models import LiveUpdate
from live.services import MAX_POLL_SECONDS, MIN_POLL_SECONDS
from media.models import Image


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
        widget=ForeignKeyRawIdWidget(LiveUpdate._meta.get_field("image").remote_field, admin.site),
        help_text="Optional: the number of an image in the library (the magnifier finds one).",
    )
    authors = forms.ModelMultipleChoiceField(
        queryset=Author.objects.order_by("name"),
        required=False,
        help_text="Empty: your own author profile.",
    )
    is_key_event = forms.BooleanField(label="Key event", required=False)
    update = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    @classmethod
    def editing(cls, update):
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
