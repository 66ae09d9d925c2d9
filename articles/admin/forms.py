"""The article form (workflow steps, no lost edits) and the share-link form."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles import changes, publishing, workflow
from articles.admin.display import desk_time, person, status_badges
from articles.admin.widgets import ARTICLE_EDITOR_EXTENSIONS, TagAutocomplete
from articles.models import Article
from articles.models.text import WORDS_PER_MINUTE
from articles.sanitizer import sanitize_html
from articles.translating import edition_name
from articles.workflow import Step
from website.editions import edition_languages


class ArticleAdminForm(forms.ModelForm):
    """The article form: workflow steps checked against the user's rights, and no lost edits.

    ArticleAdmin.get_form() supplies the model, the fields and ``user`` for each request.
    """

    body = ProseEditorFormField(
        extensions=ARTICLE_EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
        required=False,
        # word-count.js counts what is typed, at the pace reading_minutes() reckons with.
        widget=AdminProseEditorWidget(attrs={"data-words-per-minute": WORDS_PER_MINUTE}),
        help_text="Cleaned of scripts and unsafe markup on save.",
    )
    step = forms.ChoiceField(
        choices=Step.choices,
        required=False,
        error_messages={
            "invalid_choice": "“%(value)s” is not a step this form offers: press one of its "
            "buttons."
        },
    )
    staff_byline = forms.BooleanField(label="Staff byline", required=False)
    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)
    desk_note = forms.CharField(
        label="Note for the desk",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="What the editor should look at, or why a story goes back to draft "
        "(needed for “Send back to draft”).",
    )

    user = None
    conflict = None

    class Meta:
        widgets = {
            # Wraps, so a long headline is read whole; Article.save() keeps it one line.
            "headline": forms.Textarea(attrs={"rows": 3, "class": "desk-wide desk-headline"}),
            "slug": forms.TextInput(attrs={"class": "desk-wide"}),
            "dek": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
            "lead_image_caption": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
            "tags": TagAutocomplete,
        }
        help_texts = {
            "tags": "Type to find a tag; a new one is added with Enter or a comma.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = str(self.instance.version)
        if "language" in self.fields:
            self.fields["language"] = forms.ChoiceField(
                label="Edition",
                choices=[(code, edition_name(code)) for code in edition_languages()],
                # A form posted without it (a script, an older page) keeps the story's own.
                required=False,
                initial=self.instance.language,
                help_text="The edition readers find this story in. Its translations into the "
                "others are stories of their own: start one with “Translate…”.",
            )
        self.fields["staff_byline"].help_text = (
            f"Credit the story to “{publishing.staff_byline_name()}”, for one no person signs "
            "(agency copy, an editorial). Otherwise name its writers in the byline below: no "
            "story is published without a byline."
        )

    def clean_language(self):
        language = self.cleaned_data.get("language") or self.instance.language
        if language == self.instance.language or self.instance.pk is None:
            return language
        # Checked here so the person sees it beside the field. The story's translations stay
        # locked until the save ends, so two of them moved into one edition at the same moment
        # are checked one after the other (the constraint one_translation_per_language is the
        # last guard).
        taken = (
            Article.objects.select_for_update()
            .filter(translation_key=self.instance.translation_key)
            .exclude(pk=self.instance.pk)
            .values_list("language", flat=True)
        )
        if language in taken:
            raise ValidationError(
                "This story already has a translation in the %(name)s edition: a story and its "
                "translations are one to an edition. Change that translation instead.",
                code="already_translated",
                params={"name": edition_name(language)},
            )
        return language

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip()
        if self.instance.pk is None:
            return publishing.free_slug(slug)
        if slug != self.instance.slug and publishing.slug_taken(slug, self.instance.pk):
            raise ValidationError(
                "Another story already uses this address (or once did, and it now redirects "
                "there): choose another slug.",
                code="slug_taken",
            )
        return slug

    def clean(self):
        cleaned_data = super().clean()
        # First: whatever else is wrong, someone else's newer save is what the user must see.
        self.refuse_conflicting_save()
        step = cleaned_data.get("step") or Step.SAVE
        cleaned_data["step"] = step
        article = self.instance if self.instance.pk is not None else None
        if refusal := workflow.refuse_step(self.user, article, step):
            raise refusal
        if step == Step.SEND_BACK and not cleaned_data.get("desk_note", "").strip():
            self.add_error("desk_note", "Say why it goes back, so the writer knows what to fix.")
        if "published_at" in self.fields:
            at = cleaned_data.get("published_at")
            if step == Step.SCHEDULE:
                if at is None:
                    self.add_error("published_at", "Choose when it goes live, then “Schedule…”.")
                elif at <= timezone.now():
                    self.add_error(
                        "published_at",
                        "That time has passed: choose a later one, or “Publish now”.",
                    )
            elif "published_at" in self.changed_data:
                self.add_error("published_at", "Press “Schedule…” to set a new publish time.")
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        # The services' own rules, checked on the article as the form would leave it, so the
        # person sees them beside the form instead of an error page.
        step = self.cleaned_data.get("step")
        try:
            publishing.check_embargo(self.instance)
            if step in workflow.PUBLISHING_STEPS:
                at = self.cleaned_data.get("published_at") if step == Step.SCHEDULE else None
                publishing.check_publishable(self.instance, at)
        except ValidationError as error:
            self.add_error(None, error)

    def refuse_conflicting_save(self):
        """Refuse the save when someone else saved after this form was opened.

        The row stays locked until the admin's transaction ends, so nobody can slip a save in
        between this check and ours. The form keeps what was typed, shows what differs, and
        carries the newer version: saving again, after merging, is a deliberate choice.
        """
        if self.instance.pk is None:
            return
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            raise ValidationError("Someone deleted this article after you opened it.")
        opened = self.cleaned_data.get("opened_version") or ""
        if opened == str(current.version) == str(self.instance.version):
            return
        self.conflict = describe_conflict(current, self)
        self.data = self.data.copy()
        self.data["opened_version"] = str(current.version)
        raise ValidationError(
            "Not saved: %(who)s saved this article at %(when)s, after you opened it. "
            "Your version is still in the form below and theirs has not been overwritten. "
            "Compare them above, merge what you need, then save again: "
            "that will keep the form as it is.",
            code="edit_conflict",
            params={"who": self.conflict["who"], "when": self.conflict["when"]},
        )


def describe_conflict(current, form):
    """Who saved ``current`` and how the posted ``form`` differs from it."""
    last = publishing.revisions_of(current).first()
    data = form.cleaned_data
    posted = changes.snapshot(
        **{
            name: data.get(name, getattr(current, name))
            for name in [
                "headline",
                "slug",
                "section",
                "dek",
                "body",
                "lead_image",
                "lead_image_caption",
                "lead_image_credit",
                "embargo_until",
            ]
        },
        tags=data["tags"] if "tags" in data else list(current.tags.names()),
    )
    saved = changes.snapshot_of_article(current)
    return {
        "who": person(last.revision.user if last else None),
        "when": desk_time(current.updated_at),
        "status": status_badges(current),
        "differences": changes.differences(saved, posted),
    }


class PreviewLinkForm(forms.Form):
    EXPIRY_CHOICES = [
        ("1", "1 hour"),
        ("24", "1 day"),
        ("72", "3 days"),
        ("168", "1 week"),
        ("720", "30 days"),
    ]

    recipient = forms.CharField(
        label="Shared with", max_length=200, help_text='Who it is for, e.g. "our lawyer".'
    )
    expires_in = forms.TypedChoiceField(
        label="Works for",
        choices=EXPIRY_CHOICES,
        initial="24",
        coerce=lambda hours: datetime.timedelta(hours=int(hours)),
    )
