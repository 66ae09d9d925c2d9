"""The desk's front-page screens: place stories, post the banner, see the front at a time.

Rules live in ``frontpage/placing.py`` and ``frontpage/banners.py``; this module only wires them.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from articles.admin.display import short_time
from desk.dates import DeskDateTimeLocal, zone_note
from frontpage import banners, placing
from frontpage.models import BreakingBanner, FrontSlot, FrontSlotChange
from website.editions import default_language, edition_languages, is_multilingual, language_name

HISTORY_SHOWN = 50


def edition_field():
    """The edition a front-page row belongs to, offered by the language's own name."""
    return forms.TypedChoiceField(
        label="Edition",
        choices=[(code, language_name(code)) for code in edition_languages()],
        initial=default_language,
        # Left out (a site of one edition shows no choice): the default edition.
        required=False,
        empty_value=default_language(),
    )


def chosen_edition(request):
    """The edition the desk asked for in ``?language=``, else the default one."""
    language = request.GET.get("language")
    return language if language in edition_languages() else default_language()


class FrontSlotForm(forms.ModelForm):
    replace = forms.BooleanField(
        label="Replace the story in that slot now",
        required=False,
        help_text="Needed when the slot already shows a story you chose before.",
    )

    class Meta:
        model = FrontSlot
        fields = ["language", "position", "article", "expires_at", "replace"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            self.fields["language"] = edition_field()
            self.fields["language"].initial = self.initial.get("language", default_language())
        if "position" in self.fields:
            # Each slot says what it shows now (on the edition the form opened for), so an
            # editor sees what a placement would replace.
            language = self.initial.get("language") or self.instance.language
            self.fields["position"].choices = [
                (value, self.describe_slot(value, label, language))
                for value, label in self.fields["position"].choices
            ]

    @staticmethod
    def describe_slot(position, label, language):
        if position in ("", None):
            return label
        story = placing.held_story(position, language=language)
        return f"{label} — now: {story.headline}" if story else f"{label} — empty"

    def clean(self):
        cleaned = super().clean()
        position = cleaned.get("position", self.instance.position)
        language = cleaned.get("language", self.instance.language)
        if self.errors:
            return cleaned
        held = placing.held_story(position, language=language)
        chosen = cleaned.get("article")
        is_new_slot = self.instance._state.adding
        if is_new_slot and held is not None and held != chosen and not cleaned.get("replace"):
            self.add_error(
                "position",
                f"{FrontSlot.Position(position).label} shows “{held.headline}” now. Tick "
                "“Replace the story in that slot now” to put this story there instead, or choose "
                "another slot.",
            )
            return cleaned
        try:
            placing.validate_placement(
                position=position,
                article=cleaned.get("article"),
                expires_at=cleaned.get("expires_at"),
                language=language,
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages_)
        if is_new_slot:
            # Placing into a slot that exists (expired, or agreed to above) replaces it: the
            # form stands for that row, so its (edition, position) is not a duplicate.
            existing = FrontSlot.objects.filter(language=language, position=position).first()
            if existing is not None:
                self.instance.pk = existing.pk
                self.instance._state.adding = False
        return cleaned

    def validate_unique(self):
        # Another slot's story is refused by validate_placement with the slot's name; a slot's
        # own position is replaced, never duplicated (update_or_create).
        pass


@admin.register(FrontSlot)
class FrontSlotAdmin(admin.ModelAdmin):
    form = FrontSlotForm
    # Short columns, so that the table fits beside the desk's menu at 1280 px.
    list_display = ["position", "article", "until", "showing", "placed"]
    list_display_links = ["position", "article"]
    autocomplete_fields = ["article"]
    change_list_template = "admin/frontpage/frontslot/change_list.html"

    def get_list_display(self, request):
        if is_multilingual():
            return ["edition", *self.list_display]
        return self.list_display

    def get_list_filter(self, request):
        return ["language"] if is_multilingual() else []

    @admin.display(description="edition", ordering="language")
    def edition(self, slot):
        return language_name(slot.language)

    def get_changeform_initial_data(self, request):
        # "Add" from a list filtered to one edition opens on that edition's slots.
        return {**super().get_changeform_initial_data(request), "language": chosen_edition(request)}

    def get_readonly_fields(self, request, obj=None):
        return ["language", "position"] if obj is not None else []

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": self.get_fields(request, obj), "description": zone_note()})]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "article":
            # A slot takes a story that exists; writing or editing one happens on its own form.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = widget.can_view_related = False
        return formfield

    @admin.display(description="until", ordering="expires_at")
    def until(self, slot):
        return short_time(slot.expires_at) or "changed"

    @admin.display(description="placed", ordering="placed_at")
    def placed(self, slot):
        return f"{short_time(slot.placed_at)} by {slot.placed_by or 'the demo'}"

    @admin.display(description="on the front now")
    def showing(self, slot):
        if not slot.is_active():
            return "expired: the newest story shows"
        if not slot.article.is_published():
            return "not visible yet: the newest story shows"
        return "yes"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "placed_by")

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        # Changing a slot replaces its story by definition: the box is for adding one. A site
        # of one edition has nothing to choose.
        hidden = {"replace"} if obj is not None else set()
        if not is_multilingual():
            hidden.add("language")
        return [name for name in fields if name not in hidden]

    def save_model(self, request, obj, form, change):
        placed = placing.place_story(
            position=obj.position,
            article=obj.article,
            expires_at=obj.expires_at,
            editor=request.user,
            language=obj.language,
        )
        obj.placed_by, obj.placed_at = placed.placed_by, placed.placed_at
        if placed.replaced is not None:
            self.message_user(
                request,
                f"“{placed.replaced.headline}” is no longer {obj.get_position_display().lower()}: "
                f"“{obj.article.headline}” took its place.",
                messages.WARNING,
            )

    def delete_model(self, request, obj):
        placing.clear_slot(position=obj.position, editor=request.user, language=obj.language)

    def delete_queryset(self, request, queryset):
        for slot in queryset:
            placing.clear_slot(position=slot.position, editor=request.user, language=slot.language)

    def get_urls(self):
        front_at = self.admin_site.admin_view(self.front_at_view)
        return [path("at/", front_at, name="frontpage_frontslot_at"), *super().get_urls()]

    def front_at_view(self, request):
        if not request.user.has_perm("frontpage.view_frontslotchange"):
            raise PermissionDenied
        form = FrontAtForm(request.GET or None)
        moment = form.cleaned_data["at"] if form.is_valid() else timezone.now()
        language = chosen_edition(request)
        if not form.is_bound:
            form = FrontAtForm(initial={"at": timezone.localtime(moment), "language": language})
        changes = (
            FrontSlotChange.objects.filter(language=language, changed_at__lte=moment)
            .select_related("article", "changed_by")
            .order_by("-changed_at", "-id")[:HISTORY_SHOWN]
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Front page at a time",
            "form": form,
            "zone_note": zone_note(),
            "moment": moment,
            "placements": placing.front_at(moment, language),
            "edition": language_name(language) if is_multilingual() else "",
            "changes": changes,
        }
        return TemplateResponse(request, "admin/frontpage/frontslot/front_at.html", context)


class FrontAtForm(forms.Form):
    # The site language's formats, as on every desk form, and ISO (what the picker sends).
    at = forms.DateTimeField(label="Front page at", widget=DeskDateTimeLocal)
    language = forms.ChoiceField(label="Edition", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, language_name(code)) for code in edition_languages()
        ]


@admin.register(FrontSlotChange)
class FrontSlotChangeAdmin(admin.ModelAdmin):
    """The record of placements is read, never edited."""

    list_display = ["changed_at", "language", "position", "what", "expires_at", "changed_by"]
    list_filter = ["language", "position"]
    date_hierarchy = "changed_at"

    @admin.display(description="change")
    def what(self, change):
        return change.summary

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BreakingBannerForm(forms.ModelForm):
    class Meta:
        model = BreakingBanner
        fields = ["language", "text", "url", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            self.fields["language"] = edition_field()
            self.fields["language"].initial = self.instance.language

    def clean(self):
        cleaned = super().clean()
        url = cleaned.get("url")
        if url and "url" not in self.errors:
            language = cleaned.get("language", self.instance.language)
            try:
                banners.story_readers_can_follow(url, language=language)
            except ValidationError as error:
                self.add_error("url", error)
        return cleaned


@admin.register(BreakingBanner)
class BreakingBannerAdmin(admin.ModelAdmin):
    form = BreakingBannerForm
    fields = ["language", "text", "url", "expires_at"]

    def get_fields(self, request, obj=None):
        return self.fields if is_multilingual() else self.fields[1:]

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": self.get_fields(request, obj), "description": zone_note()})]

    list_display = ["text", "url", "expires_at", "showing", "created_by", "created_at"]

    def get_list_display(self, request):
        return ["language", *self.list_display] if is_multilingual() else self.list_display

    def get_list_filter(self, request):
        return ["language"] if is_multilingual() else []

    actions = ["end_now"]

    @admin.display(boolean=True, description="showing")
    def showing(self, banner):
        return banner.is_active()

    def save_model(self, request, obj, form, change):
        if not change and "expires_at" not in form.changed_data:
            # Left as offered: 30 minutes from posting, not from opening the form.
            obj.expires_at = None
        banners.save_banner(banner=obj, editor=request.user)

    def has_delete_permission(self, request, obj=None):
        # A banner readers saw stays on record; "End now" takes it down.
        return False

    @admin.action(description="End the selected banners now", permissions=["change"])
    def end_now(self, request, queryset):
        for banner in queryset:
            banners.end_banner(banner=banner, editor=request.user)
        messages.success(request, "Ended: readers no longer see it.")
