"""Parts of an article edited on its form: byline, picks, new corrections."""

import functools
import json

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import escape

from articles import publishing
from articles.models import Article, ArticleAuthor, Correction, RelatedArticle
from articles.workflow import PUBLISHING_STEPS
from authors.models import Author

NO_BYLINE_ON_FORM = (
    "No byline: name who wrote this story here, or tick “Staff byline” under Publishing to "
    "credit it to %(staff)s. A story is not published or scheduled without a byline."
)


class ArticlePartInline(admin.TabularInline):
    """Bylines and picks are part of the article: editable exactly when the article is."""

    extra = 1

    def _can_edit(self, request, obj):
        return obj is None or publishing.can_edit(request.user, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("author", "to_article") and formfield is not None:
            # The ✖ there deletes the author profile or the picked story itself.
            formfield.widget.can_delete_related = False
        return formfield

    def has_add_permission(self, request, obj):
        return self._can_edit(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._can_edit(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._can_edit(request, obj) and super().has_delete_permission(request, obj)


class BylineFormSet(BaseInlineFormSet):
    """The byline as this save will leave it, checked before anything is saved.

    The step is taken after the byline is saved (ArticleEditing.save_related), so the rule in
    publishing.check_byline is asked here about the names on the form, not the stored ones.
    """

    user = None

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        article = self.instance
        step = self.data.get("step")
        stays_public = article.pk is not None and article.status == Article.Status.PUBLISHED
        if step not in PUBLISHING_STEPS and not (stays_public and self.initial_form_count()):
            return
        if forms.CheckboxInput().value_from_datadict(self.data, self.files, "staff_byline"):
            return
        authors = [
            form.cleaned_data["author"].pk
            for form in self.forms
            if form.cleaned_data.get("author") and not self._should_delete_form(form)
        ]
        if article.pk is not None:
            # Names the form did not send (it may send only some rows) stay as they are.
            sent = [form.instance.pk for form in self.forms if form.instance.pk is not None]
            kept = article.bylines.exclude(pk__in=sent).values_list("author_id", flat=True)
            authors += list(kept)
        elif not authors:
            # A new story gets its writer's own name (publishing.add_default_byline).
            authors = [profile.pk] if (profile := Author.objects.profile_of(self.user)) else []
        try:
            publishing.check_byline(authors)
        except ValidationError:
            raise ValidationError(
                NO_BYLINE_ON_FORM,
                code="no_byline",
                params={"staff": publishing.staff_byline_name()},
            ) from None


class BylineInline(ArticlePartInline):
    model = ArticleAuthor
    formset = BylineFormSet
    fields = ["author", "role", "position"]
    autocomplete_fields = ["author"]
    ordering = ["position", "id"]
    verbose_name = "name in the byline"
    verbose_name_plural = "byline, in order (smallest position first)"
    add_text = "Add a name to the byline"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # inlineformset_factory() made a fresh class for this request.
        formset.user = request.user
        return formset


class PickInline(ArticlePartInline):
    model = RelatedArticle
    fk_name = "from_article"
    fields = ["to_article", "position"]
    autocomplete_fields = ["to_article"]
    ordering = ["position", "id"]
    verbose_name = "editor's pick"
    verbose_name_plural = "editor's picks for “Read more”"
    add_text = "Add a story to “Read more”"


class NewCorrectionInline(admin.StackedInline):
    """Where an editor appends a correction to a live story (saved by ArticleAdmin.save_formset).

    Append-only: saved ones are listed read-only above the form ("corrections on record") and a
    correction is corrected by a new one; each is kept in the article's history.
    """

    model = Correction
    extra = 0
    can_delete = False
    fields = ["kind", "text"]
    verbose_name = "correction or update"
    verbose_name_plural = "add a correction or update (it cannot be edited once saved)"

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_add_permission(self, request, obj):
        return (
            obj is not None
            and obj.is_published()
            and publishing.can_publish(request.user)
            and super().has_add_permission(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        return False


def say_what_is_added(inline_admin_formset):
    """The link under an inline says what it adds ("Add a name to the byline").

    Django's own reads "Add another <verbose name>", capitalised mid-sentence: "Add another
    Name in the byline". inlines.js takes the words from the formset's data attribute.
    """
    add_text = getattr(inline_admin_formset.opts, "add_text", None)
    if not add_text:
        return
    data = json.loads(inline_admin_formset.inline_formset_data())
    data["options"]["addText"] = escape(add_text)
    inline_admin_formset.inline_formset_data = functools.partial(json.dumps, data)


def byline_notice(user, article):
    """What the form says when the story has nobody in its byline yet, or will not get its
    writer's name (a desk account with no author profile), or None."""
    staff = publishing.staff_byline_name()
    has_profile = Author.objects.profile_of(user) is not None
    if article is None:
        if has_profile:
            return None
        return (
            "Your desk account has no author profile, so this story will not carry your name. "
            "Name its writers in the byline below, or tick “Staff byline” under Publishing "
            f"to credit it to {staff}. "
            "An administrator can link your account to a profile (Authors → user)."
        )
    if article.bylines.exists():
        return None
    return (
        "This story has no byline yet, and it is not published or scheduled without one: name "
        f"its writers in the byline below, or tick “Staff byline” under Publishing to credit "
        f"it to {staff}."
    )
