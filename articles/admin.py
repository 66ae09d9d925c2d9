"""The editorial desk: the article form, its workflow buttons, history, previews and the queue.

Rights are checked here for what the screens offer and again in publishing.py for what they do,
so a hand-made POST gets no further than a button nobody was shown.
"""

import datetime
import re
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from reversion import create_revision, set_comment, set_user
from taggit.utils import parse_tags

from articles import changes, publishing, restoring, sharing, workflow
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleChoice,
    Correction,
    PreviewLink,
    RelatedArticle,
    Section,
)
from articles.sanitizer import sanitize_html
from articles.search import desk_search

NOT_A_PUBLISHER = publishing.NOT_A_PUBLISHER

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
}


def desk_time(moment):
    """A time as the desk reads it: in the newsroom's time zone, with the zone named."""
    return changes.display_time(moment)


def short_time(moment):
    """The same, short enough for a column of a list."""
    return date_format(timezone.localtime(moment), "j M Y, H:i T") if moment else None


Step = workflow.Step
workflow_steps = workflow.steps_for


def status_badges(article):
    state = article.desk_status
    label = {"live": "Live", "scheduled": "Scheduled"}.get(state) or article.get_status_display()
    badges = [format_html('<span class="desk-badge desk-badge--{}">{}</span>', state, label)]
    if article.is_embargoed():
        badges.append(
            format_html(
                '<span class="desk-badge desk-badge--embargo" title="Nobody can publish before '
                'this time">Embargo until {}</span>',
                desk_time(article.embargo_until),
            )
        )
    if article.withdrawn_at and article.status != Article.Status.PUBLISHED:
        badges.append(
            format_html('<span class="desk-badge desk-badge--withdrawn">Withdrawn</span>')
        )
    return format_html_join(" ", "{}", ((badge,) for badge in badges))


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position"]
    list_filter = ["in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


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


class ArticleAdminForm(forms.ModelForm):
    """The article form: workflow steps checked against the user's rights, and no lost edits.

    ArticleAdmin.get_form() supplies the model, the fields and ``user`` for each request.
    """

    body = ProseEditorFormField(
        extensions=EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
        required=False,
        widget=AdminProseEditorWidget,
        help_text="Cleaned of scripts and unsafe markup on save.",
    )
    step = forms.ChoiceField(choices=Step.choices, required=False)
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
            "headline": forms.TextInput(attrs={"class": "desk-wide"}),
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


def person(user):
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


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


def is_pick_autocomplete(request):
    return (
        request.GET.get("model_name") == "relatedarticle"
        and request.GET.get("field_name") == "to_article"
    )


EDITING_PATH = re.compile(r"/articles/article/(\d+)/change/")


def article_being_edited(request):
    """The article whose form asks for picks, read from the page that asks (the referer)."""
    match = EDITING_PATH.search(urlsplit(request.headers.get("Referer", "")).path)
    return int(match.group(1)) if match else None


class MineFilter(admin.SimpleListFilter):
    """Journalists land on their own articles; editors on everyone's."""

    title = "whose"
    parameter_name = "whose"

    def __init__(self, request, params, model, model_admin):
        self.default = "all" if publishing.can_publish(request.user) else "mine"
        self.user = request.user
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [("mine", "My articles"), ("all", "Everyone’s")]

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.owned_by(request.user)
        return queryset


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("live", "Live"),
            ("scheduled", "Scheduled"),
            ("embargoed", "Under embargo"),
            ("withdrawn", "Withdrawn"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "embargoed":
            return queryset.embargoed()
        if self.value() == "withdrawn":
            return queryset.withdrawn()
        return queryset


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


class BylineInline(ArticlePartInline):
    model = ArticleAuthor
    fields = ["author", "role", "position"]
    autocomplete_fields = ["author"]
    ordering = ["position", "id"]
    verbose_name = "name in the byline"
    verbose_name_plural = "byline, in order (smallest position first)"


class PickInline(ArticlePartInline):
    model = RelatedArticle
    fk_name = "from_article"
    fields = ["to_article", "position"]
    autocomplete_fields = ["to_article"]
    ordering = ["position", "id"]
    verbose_name = "editor's pick"
    verbose_name_plural = "editor's picks for “Read more”"


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    list_display = [
        "headline",
        "status_badge",
        "byline",
        "last_saved",
    ]
    list_filter = [MineFilter, "status", PublicationFilter, "section", "authors"]
    # Matching is articles.search.desk_search (get_search_results): never the bodies row by row.
    search_fields = ["headline", "slug"]
    date_hierarchy = "published_at"
    ordering = ["-updated_at", "-id"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_image"]
    actions = ["submit_for_review", "publish_now", "unpublish", "delete_drafts"]
    readonly_fields = [
        "status_summary",
        "corrections_on_record",
        "updated",
        "earlier_notes",
        "word_count",
        "reading_time",
        "created_by",
        "created",
        "last_saved_at",
    ]

    class Media:
        js = ["admin-desk/article-form.js", "admin-desk/ordering.js"]

    # --- Form ---------------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        editable = self.has_change_permission(request, obj) if obj else True
        publishing_fields = ["status_summary", "published_at", "embargo_until", "updated"]
        if not publishing.can_publish(request.user) or (obj is not None and obj.is_published()):
            # The status line says when it went or goes live; only "Schedule…" moves that time.
            publishing_fields.remove("published_at")
        notes = ["desk_note", "earlier_notes"] if editable else ["earlier_notes"]
        if obj is None:
            notes = ["desk_note"]
        corrections = []
        if obj is not None and (obj.is_published() or obj.corrections.exists()):
            corrections = [
                (
                    "Corrections and updates readers see",
                    {
                        "fields": ["corrections_on_record"],
                        "description": "Append-only: a correction is corrected by a new one.",
                    },
                )
            ]
        return [
            (None, {"fields": ["headline", "slug", "section", "dek", "body", "tags"]}),
            (
                "Lead image",
                {
                    "fields": ["lead_image", "lead_image_caption", "lead_image_credit"],
                    "description": "Pick an uploaded image, or upload one with “+” "
                    "without leaving this page.",
                },
            ),
            (
                "Publishing",
                {
                    "fields": publishing_fields,
                    "description": f"Times are in the newsroom’s time zone ({settings.TIME_ZONE}).",
                },
            ),
            *corrections,
            ("Notes between writer and editors", {"fields": notes}),
            (
                "Record",
                {
                    "classes": ["collapse"],
                    "fields": [
                        "word_count",
                        "reading_time",
                        "created_by",
                        "created",
                        "last_saved_at",
                    ],
                },
            ),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("lead_image", "section") and formfield is not None:
            # The ✖ there would delete the image or the section itself, for every story.
            formfield.widget.can_delete_related = False
        return formfield

    def get_readonly_fields(self, request, obj=None):
        readonly_fields = list(super().get_readonly_fields(request, obj))
        if not publishing.can_publish(request.user) or (obj is not None and obj.is_published()):
            # A live story keeps its publish time: moving it would re-date what readers saw.
            readonly_fields.append("published_at")
        return readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory() made a fresh class for this request, so this stays per-request.
        form.user = request.user
        return form

    def get_inlines(self, request, obj):
        inlines = [BylineInline, PickInline]
        if obj is not None and obj.is_published():
            inlines.append(NewCorrectionInline)
        return inlines

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))
            )
        )
        if request.method == "GET" and getattr(request.resolver_match, "url_name", "") in {
            "articles_article_changelist",
            "autocomplete",
        }:
            # The list and the pickers show headlines: the bodies stay in the database.
            queryset = queryset.defer("body", "search_document")
        return queryset

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        # The admin asks several times per page; the answer may need a query.
        answers = obj.__dict__.setdefault("_desk_can_edit", {})
        if request.user.pk not in answers:
            answers[request.user.pk] = publishing.can_edit(request.user, obj)
        return answers[request.user.pk]

    def get_search_results(self, request, queryset, search_term):
        # Matched on the stored search vector (or headline and slug), never the bodies row by row.
        queryset, may_have_duplicates = desk_search(queryset, search_term), False
        if is_pick_autocomplete(request):
            # Readers follow a pick: only published stories, never the story being edited.
            # ArticleChoice names each story with its state, time and section, so two stories
            # with one headline can be told apart in the list.
            queryset = ArticleChoice.objects.filter(pk__in=queryset.values("pk"))
            queryset = queryset.filter(status=Article.Status.PUBLISHED).select_related("section")
            queryset = queryset.defer("body", "search_document")
            queryset = queryset.order_by("-published_at", "-id")
            if (editing := article_being_edited(request)) is not None:
                queryset = queryset.exclude(pk=editing)
        return queryset, may_have_duplicates

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_published() else None

    def has_publish_permission(self, request):
        return publishing.can_publish(request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if object_id is not None:
            article = self.get_object(request, unquote(object_id))
            if (
                article is not None
                and self.has_view_permission(request, article)
                and not self.has_change_permission(request, article)
            ):
                return self.refuse_locked_save(request, article)
        # Every save from the form is one revision, signed with who made it.
        with create_revision():
            set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def refuse_locked_save(self, request, article):
        """A journalist whose article left their hands while they typed still gets their text."""
        last = publishing.revisions_of(article).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": "This article can no longer be changed by you",
            "who": person(last.revision.user if last else None),
            "when": desk_time(article.updated_at),
            "badges": status_badges(article),
            "posted": [
                (label, request.POST.get(name, ""))
                for name, label in [("headline", "Headline"), ("dek", "Teaser"), ("body", "Body")]
            ],
        }
        return TemplateResponse(request, "admin/articles/article/locked.html", context, status=403)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if form.conflict:
            # The conflict box says what happened; the stock "Please correct the error below"
            # and the same words again as a form error would say it twice more.
            context["errors"] = [
                errors for name, errors in form.errors.items() if name != NON_FIELD_ERRORS
            ]
        context.update(
            {
                "workflow_steps": workflow_steps(request.user, obj),
                "conflict": form.conflict,
                "time_zone": settings.TIME_ZONE,
                "can_share": request.user.has_perm("articles.add_previewlink"),
            }
        )
        if obj is not None:
            context["latest_note"] = obj.desk_notes.select_related("created_by").first()
            context["latest_note_by"] = person(getattr(context["latest_note"], "created_by", None))
            context["latest_note_at"] = desk_time(
                getattr(context["latest_note"], "created_at", None)
            )
            context["embargo_lifts"] = desk_time(obj.embargo_until)
            context["status_badges"] = status_badges(obj)
            context["goes_live"] = desk_time(obj.goes_live_at) if obj.goes_live_at else ""
            context["goes_live_in"] = (
                changes.time_until(obj.goes_live_at)
                if obj.goes_live_at and not obj.is_published()
                else ""
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        # The form shows whole seconds: an untouched time must not lose its fraction.
        for name in ("published_at", "embargo_until"):
            if name in form.fields and name not in form.changed_data:
                setattr(obj, name, form.initial.get(name))
        data = form.cleaned_data
        step, note = data["step"], data.get("desk_note", "").strip()
        self._note_changes(form, change)
        request.desk_requested_at = (
            data["published_at"] if step == Step.SCHEDULE else timezone.now()
        )
        # The form's edits first, then the step through the services, which lock the row, check
        # rights again and write only the fields the step changes.
        if step == Step.SCHEDULE:
            obj.published_at = form.initial.get("published_at")
        super().save_model(request, obj, form, change)
        if step != Step.SAVE:
            workflow.take_step(
                article=obj, user=request.user, step=step, at=data.get("published_at"), note=note
            )
        if note and step not in (Step.SUBMIT, Step.SEND_BACK):
            publishing.add_desk_note(article=obj, user=request.user, text=note)

    def _note_changes(self, form, change):
        ignored = {"step", "opened_version", "desk_note"}
        changed = [
            str(form.fields[name].label or name).lower()
            for name in form.changed_data
            if name not in ignored and not self._same_text(form, name)
        ]
        if not change:
            set_comment("Created")
        elif changed:
            set_comment("Changed " + ", ".join(changed))

    @staticmethod
    def _same_text(form, name):
        """The body editor may write the same markup differently: what gets stored counts."""
        cleaned = form.cleaned_data.get(name)
        return isinstance(cleaned, str) and cleaned == (form.initial.get(name) or "")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            publishing.add_default_byline(article=form.instance, user=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        article = form.instance
        for correction in formset.save(commit=False):
            if correction.pk is not None:
                continue
            if article.is_published():
                publishing.add_correction(
                    article=article, editor=request.user, kind=correction.kind, text=correction.text
                )
            else:
                messages.warning(request, "The correction was not added: the story is not live.")

    def response_add(self, request, obj, post_url_continue=None):
        if "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return self._stay_on_form(request, obj)

    def response_change(self, request, obj):
        if "_popup" in request.POST:
            return super().response_change(request, obj)
        return self._stay_on_form(request, obj)

    def _stay_on_form(self, request, article):
        self.message_user(request, self._outcome(request, article), messages.SUCCESS)
        url = reverse("admin:articles_article_change", args=[article.pk])
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts}
        return HttpResponseRedirect(add_preserved_filters(preserved, url))

    def _outcome(self, request, article):
        step = request.POST.get("step") or Step.SAVE
        requested = getattr(request, "desk_requested_at", None)
        if step == Step.SUBMIT:
            return "Submitted for review: the editors have it now."
        if step == Step.SEND_BACK:
            return "Sent back to draft with your note to the writer."
        if step == Step.UNPUBLISH:
            if article.withdrawn_at:
                return "Unpublished: back to draft. Its address now tells readers it was withdrawn."
            return "Taken out of the schedule: back to draft."
        if step in (Step.PUBLISH, Step.SCHEDULE):
            goes_live = desk_time(article.published_at)
            embargo = article.embargo_until
            if embargo and requested and embargo > requested and article.published_at == embargo:
                return (
                    f"Embargoed until {desk_time(article.embargo_until)}: nobody can publish "
                    f"before then, so it is scheduled to go live at {goes_live}."
                )
            if article.is_published():
                return "Published: it is live on the site now."
            return (
                f"Scheduled: goes live {goes_live} (in {changes.time_until(article.published_at)})."
            )
        if article.status == Article.Status.DRAFT:
            return "Draft saved."
        return "Changes saved."

    # --- Read-only parts of the form ----------------------------------------------------------

    @admin.display(description="status")
    def status_summary(self, article):
        if article.pk is None:
            return "New draft"
        badges = status_badges(article)
        if article.goes_live_at is None:
            return badges
        when = desk_time(article.goes_live_at)
        if article.is_published():
            return format_html("{} since {}", badges, when)
        return format_html(
            "{} goes live <strong>{}</strong> (in {})",
            badges,
            when,
            changes.time_until(article.goes_live_at),
        )

    @admin.display(description="created")
    def created(self, article):
        return desk_time(article.created_at)

    @admin.display(description="last saved")
    def last_saved_at(self, article):
        return desk_time(article.updated_at)

    @admin.display(description="updated")
    def updated(self, article):
        """When readers were told the story changed ("Updated" on the page)."""
        return desk_time(article.revised_at) or "Not since it was published"

    @admin.display(description="on record")
    def corrections_on_record(self, article):
        notes = article.corrections.select_related("created_by") if article.pk else []
        if not notes:
            return "None yet"
        return format_html(
            '<ul class="desk-notes">{}</ul>',
            format_html_join(
                "",
                "<li><strong>{}</strong>, {} by {}: {}</li>",
                (
                    (n.get_kind_display(), desk_time(n.created_at), person(n.created_by), n.text)
                    for n in notes
                ),
            ),
        )

    @admin.display(description="earlier notes")
    def earlier_notes(self, article):
        notes = article.desk_notes.select_related("created_by") if article.pk else []
        if not notes:
            return "No notes yet"
        return format_html(
            '<ul class="desk-notes">{}</ul>',
            format_html_join(
                "",
                "<li><strong>{}</strong>, {}: {}</li>",
                ((person(n.created_by), desk_time(n.created_at), n.text) for n in notes),
            ),
        )

    # --- List ---------------------------------------------------------------------------------

    @admin.display(description="status", ordering="published_at")
    def status_badge(self, article):
        badges = status_badges(article)
        if article.goes_live_at is None:
            return badges
        when = short_time(article.goes_live_at)
        if article.is_published():
            return format_html('{}<br><span class="desk-quiet">{}</span>', badges, when)
        return format_html('{}<br><span class="desk-quiet">goes live {}</span>', badges, when)

    @admin.display(description="last saved", ordering="updated_at")
    def last_saved(self, article):
        return short_time(article.updated_at)

    @admin.display(description="byline")
    def byline(self, article):
        return ", ".join(author.name for author in article.byline)

    @admin.display(description="reading time")
    def reading_time(self, article):
        return f"{article.reading_minutes} min read"

    # --- Actions ------------------------------------------------------------------------------

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._apply(
            request,
            queryset,
            "submitted for review",
            lambda article: publishing.submit_for_review(article=article, user=request.user),
        )

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        done = self._apply(
            request,
            queryset,
            "published",
            lambda article: publishing.publish_article(article=article, editor=request.user),
            skip=lambda article: article.is_published(),
        )
        if held := sum(not article.is_published() for article in done):
            self.message_user(
                request,
                f"{held} under embargo: scheduled for the moment the embargo lifts.",
                messages.WARNING,
            )

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._apply(
            request,
            queryset,
            "unpublished",
            lambda article: publishing.unpublish_article(article=article, editor=request.user),
            skip=lambda article: article.status != Article.Status.PUBLISHED,
        )

    @admin.action(description="Delete the selected drafts", permissions=["delete"])
    def delete_drafts(self, request, queryset):
        """Stock "delete selected", except that nothing readers saw is ever deleted."""
        seen = [article for article in queryset if article.was_ever_public()]
        if seen:
            self.message_user(
                request,
                format_html(
                    "Nothing was deleted. Readers have seen {}, so {} withdrawn instead: "
                    "unpublish it, and its address will tell readers it was withdrawn (410 Gone). "
                    "Only drafts that were never published can be deleted.",
                    ", ".join(f"“{article}”" for article in seen),
                    "it can only be" if len(seen) == 1 else "they can only be",
                ),
                messages.ERROR,
            )
            return None
        return delete_selected(self, request, queryset)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            publishing.delete_article(article=article, user=request.user)

    def delete_model(self, request, obj):
        publishing.delete_article(article=obj, user=request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and article.was_ever_public():
            return self.refuse_delete(request, article)
        return super().delete_view(request, object_id, extra_context)

    def refuse_delete(self, request, article):
        """What readers saw is never deleted: say so, and offer what to do instead."""
        context = {
            **self._desk_context(request, article, f"“{article}” cannot be deleted"),
            "message": publishing.NOT_DELETABLE,
            "badges": status_badges(article),
            "can_unpublish": publishing.can_publish(request.user)
            and article.status == Article.Status.PUBLISHED,
            "corrections": article.corrections.count(),
        }
        return TemplateResponse(
            request, "admin/articles/article/delete_refused.html", context, status=403
        )

    def _apply(self, request, queryset, verb, service, skip=None):
        """Run ``service`` on each selected article; each call locks its row and checks rights.

        The list page may be minutes old: an article that no longer needs the step, or that
        someone else has changed so the step is refused, is left as it is and reported.
        """
        done, refused = [], []
        for article in queryset:
            if skip is not None and skip(article):
                continue
            try:
                done.append(service(article))
            except (PermissionDenied, ValidationError) as error:
                refused.append((article, error))
        self._report(request, len(done), verb, queryset.count() - len(refused))
        for article, error in refused:
            reason = " ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, f"“{article}” was left as it was: {reason}", messages.ERROR)
        return done

    def _report(self, request, done, verb, selected):
        noun = "article" if done == 1 else "articles"
        self.message_user(request, f"{done} {noun} {verb}.", messages.SUCCESS)
        if skipped := selected - done:
            self.message_user(
                request,
                f"{skipped} of the selected articles did not need it, or are not yours to change, "
                "and were left as they were.",
                messages.WARNING,
            )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "scheduled_count": Article.objects.scheduled().count(),
        }
        extra_context["time_zone"] = settings.TIME_ZONE
        return super().changelist_view(request, extra_context)

    # --- Desk screens: queue, history, previews -----------------------------------------------

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("queue/", view(self.queue_view), name=f"{name}_queue"),
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name=f"{name}_restore",
            ),
            path("<path:object_id>/share/", view(self.share_view), name=f"{name}_share"),
            path(
                "<path:object_id>/share/<int:link_id>/revoke/",
                view(self.revoke_link_view),
                name=f"{name}_revoke_link",
            ),
            *super().get_urls(),
        ]

    def _desk_context(self, request, article, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "time_zone": settings.TIME_ZONE,
            "has_view_permission": self.has_view_permission(request),
        }

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def queue_view(self, request):
        """Scheduled stories in the order they go live."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        articles = (
            Article.objects.scheduled()
            .select_related("section")
            .prefetch_related(
                Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))
            )
            .order_by("published_at", "id")
        )
        rows = [
            {
                "article": article,
                "goes_live": desk_time(article.goes_live_at),
                "goes_live_in": changes.time_until(article.goes_live_at),
                "badges": status_badges(article),
            }
            for article in articles
        ]
        context = {**self._desk_context(request, None, "Scheduled queue"), "rows": rows}
        return TemplateResponse(request, "admin/articles/article/queue.html", context)

    def history_view(self, request, object_id, extra_context=None):
        """Every saved version of the article, to compare two and restore one."""
        article = self._article_or_404(request, object_id)
        versions = list(publishing.revisions_of(article)[:200])
        rows = [
            {
                "version": version,
                "when": desk_time(version.revision.date_created),
                "who": person(version.revision.user),
                "comment": version.revision.comment,
                "is_current": index == 0,
            }
            for index, version in enumerate(versions)
        ]
        context = {
            **self._desk_context(request, article, f"History of “{article}”"),
            "rows": rows,
            "can_restore": publishing.can_publish(request.user),
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def compare_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        versions = publishing.revisions_of(article)
        try:
            older = versions.get(pk=request.GET.get("a"))
            newer = versions.get(pk=request.GET.get("b"))
        except (ValueError, versions.model.DoesNotExist) as error:
            raise Http404("Choose two versions of this article.") from error
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self._desk_context(request, article, f"Compare versions of “{article}”"),
            "older": {"version": older, "when": desk_time(older.revision.date_created)},
            "newer": {"version": newer, "when": desk_time(newer.revision.date_created)},
            "older_who": person(older.revision.user),
            "newer_who": person(newer.revision.user),
            "differences": changes.differences(
                changes.snapshot_of_version(older), changes.snapshot_of_version(newer)
            ),
            "can_restore": publishing.can_publish(request.user),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not publishing.can_publish(request.user):
            raise PermissionDenied
        version = get_object_or_404(publishing.revisions_of(article), pk=version_id)
        with transaction.atomic():
            restoring.restore_revision(article=article, version=version, editor=request.user)
        self.message_user(
            request,
            f"Restored the version of {desk_time(version.revision.date_created)}. "
            "Status and publish time are unchanged.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def share_view(self, request, object_id):
        """Make and list the preview links of one article."""
        article = self._article_or_404(request, object_id)
        if not request.user.has_perm("articles.view_previewlink"):
            raise PermissionDenied
        form = PreviewLinkForm(request.POST or None)
        if request.method == "POST":
            if not request.user.has_perm("articles.add_previewlink"):
                raise PermissionDenied
            if form.is_valid():
                link = sharing.create_preview_link(
                    article=article,
                    editor=request.user,
                    recipient=form.cleaned_data["recipient"],
                    expires_at=timezone.now() + form.cleaned_data["expires_in"],
                )
                self.message_user(
                    request,
                    format_html(
                        'Preview link for {} made; it works until {}: <a href="{}">{}</a>',
                        link.recipient,
                        desk_time(link.expires_at),
                        link.get_absolute_url(),
                        request.build_absolute_uri(link.get_absolute_url()),
                    ),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.path)
        links = [
            {
                "link": link,
                "url": request.build_absolute_uri(link.get_absolute_url()),
                "expires": desk_time(link.expires_at),
                "revoked": desk_time(link.revoked_at),
                "by": person(link.created_by),
            }
            for link in article.preview_links.select_related("created_by")
        ]
        context = {
            **self._desk_context(request, article, f"Share a preview of “{article}”"),
            "form": form,
            "links": links,
            "can_share": request.user.has_perm("articles.add_previewlink"),
        }
        return TemplateResponse(request, "admin/articles/article/share.html", context)

    def revoke_link_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        link = get_object_or_404(PreviewLink, pk=link_id, article=article)
        sharing.revoke_preview_link(link=link, editor=request.user)
        self.message_user(
            request, f"The preview link for {link.recipient} no longer works.", messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:articles_article_share", args=[article.pk]))


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


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Every preview link handed out, to see what is open and shut any of them at once."""

    list_display = ["article", "recipient", "state", "expires_at", "created_by", "created_at"]
    list_select_related = ["article", "created_by"]
    search_fields = ["recipient", "article__headline"]
    actions = ["revoke"]
    fields = ["article", "recipient", "expires_at", "revoked_at", "created_by", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        # Links are made from the article ("Share preview"), where the article is already chosen.
        return False

    @admin.display(description="state")
    def state(self, link):
        if link.revoked_at:
            return "Revoked"
        return "Active" if link.is_active() else "Expired"

    @admin.action(description="Revoke the selected links", permissions=["change"])
    def revoke(self, request, queryset):
        links = list(queryset.filter(revoked_at__isnull=True))
        for link in links:
            sharing.revoke_preview_link(link=link, editor=request.user)
        self.message_user(request, f"{len(links)} preview links revoked.", messages.SUCCESS)
