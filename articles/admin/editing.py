"""The article form's side of the desk: what it shows, who may save, how a save goes."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion import create_revision, set_comment, set_user

from articles import changes, publishing, workflow
from articles.admin.autosave import autosave_context, end_autosave_session
from articles.admin.display import desk_time, person, status_badges
from articles.admin.inlines import (
    BylineInline,
    NewCorrectionInline,
    PickInline,
    byline_notice,
    say_what_is_added,
)
from articles.admin.notes import notes_context
from articles.models import Article, Correction
from articles.workflow import Step
from articles.workflow import steps_for as workflow_steps
from desk.dates import zone_note
from embeds.desk import embed_states
from media.galleries import gallery_pictures_gone, missing_images
from media.widgets import ImagePicker
from website.editions import is_multilingual

# The article's own columns a form may change (tags are rows of their own).
ROW_FIELDS = {field.name for field in Article._meta.concrete_fields}


def keeps_its_edition(article):
    """A live or scheduled story keeps its edition, shown by name: moving it would move the
    address readers have, or were given."""
    return article is not None and article.status == Article.Status.PUBLISHED


class ArticleEditing:
    """The article form of ArticleAdmin: fieldsets, rights, saving through the services."""

    def get_fieldsets(self, request, obj=None):
        editable = self.has_change_permission(request, obj) if obj else True
        publishing_fields = ["status_summary", "published_at", "embargo_until", "updated"]
        if editable and (obj is None or not obj.bylines.exists()):
            publishing_fields.insert(1, "staff_byline")
        if not publishing.can_publish(request.user) or (obj is not None and obj.is_published()):
            # The status line says when it went or goes live; only "Schedule…" moves that time.
            publishing_fields.remove("published_at")
        # The conversation itself is the thread beside the form (desk/notes.py); this note
        # goes with the step pressed, as "Send back to draft" needs one.
        notes = [("Note with this step", {"fields": ["desk_note"]})] if editable else []
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
        # Each embed link's state, once a saved body can have any.
        embeds = ["embed_states"] if obj is not None and obj.pk else []
        # A story's edition is chosen when it is started (or by Translate…), and a live one
        # keeps its own: the field is shown only where there is more than one.
        edition = []
        if is_multilingual():
            edition = ["edition"] if keeps_its_edition(obj) else ["language"]
        return [
            (
                None,
                {
                    "fields": [
                        "headline",
                        "slug",
                        *edition,
                        "section",
                        "dek",
                        "body",
                        *embeds,
                        "tags",
                    ]
                },
            ),
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
                    "description": zone_note(),
                },
            ),
            *corrections,
            *notes,
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_image":
            kwargs["widget"] = ImagePicker(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
        if keeps_its_edition(obj):
            readonly_fields.append("edition")
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

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        for inline_admin_formset in inline_admin_formsets:
            say_what_is_added(inline_admin_formset)
        return inline_admin_formsets

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
        shown = set(flatten_fieldsets(context["adminform"].fieldsets))
        for name, errors in list(form.errors.items()):
            if name != NON_FIELD_ERRORS and name not in shown:
                # The step pressed and the version opened are not fields anyone sees: what is
                # wrong with them goes at the top, or the page says "correct the error below"
                # above no error at all.
                form.errors.setdefault(NON_FIELD_ERRORS, form.error_class(error_class="nonfield"))
                form.errors[NON_FIELD_ERRORS].extend(errors)
                del form.errors[name]
        context.update(
            {
                "workflow_steps": workflow_steps(request.user, obj),
                "conflict": form.conflict,
                "time_zone": settings.TIME_ZONE,
                "can_share": request.user.has_perm("articles.add_previewlink"),
                "byline_notice": byline_notice(request.user, obj),
            }
        )
        if obj is not None:
            context["latest_note"] = obj.desk_notes.select_related("created_by").first()
            context["latest_note_by"] = person(getattr(context["latest_note"], "created_by", None))
            context["latest_note_at"] = desk_time(
                getattr(context["latest_note"], "created_at", None)
            )
            can_change = self.has_change_permission(request, obj)
            context.update(autosave_context(request, obj, can_change, form.conflict))
            context.update(notes_context(request, obj))
            context.update(self.translations_context(request, obj))
            if request.method == "GET" and (gone := missing_images(obj.body)):
                messages.warning(request, gallery_pictures_gone(gone))
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
        # The form's edits are written with its related rows and its step, in save_related.
        # The form shows whole seconds: an untouched time must not lose its fraction.
        for name in ("published_at", "embargo_until"):
            if name in form.fields and name not in form.changed_data:
                setattr(obj, name, form.initial.get(name))
        step = form.cleaned_data["step"]
        request.desk_requested_at = (
            form.cleaned_data["published_at"] if step == Step.SCHEDULE else timezone.now()
        )
        if step == Step.SCHEDULE:
            obj.published_at = form.initial.get("published_at")
        if change:
            end_autosave_session(request, obj)
        self._note_changes(form, change)

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
        """One call of the service: the edits, tags, byline, picks and the step, one change."""
        data = form.cleaned_data
        workflow.save_article(
            article=form.instance,
            user=request.user,
            fields=[name for name in form.changed_data if name in ROW_FIELDS],
            step=data["step"],
            at=data.get("published_at"),
            note=data.get("desk_note", "").strip(),
            staff_byline=data.get("staff_byline", False),
            related=lambda article: super(ArticleEditing, self).save_related(
                request, form, formsets, change
            ),
        )

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
                outcome = (
                    "Unpublished: back to draft. Its address now tells readers it was withdrawn."
                )
            else:
                outcome = "Taken out of the schedule: back to draft."
            return " ".join([outcome, *getattr(article, "unpublish_notices", [])])
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

    @admin.display(description="embeds")
    def embed_states(self, article):
        return embed_states(article.body if article else "")

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
