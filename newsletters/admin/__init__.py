"""The desk's newsletter screens. Rules live in ``sending.py``, ``alerts.py`` and
``subscriptions.py``; this module and ``screens.py`` (previews, the send log, the audience) only
wire them to the admin."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html

from articles.admin.display import short_time
from newsletters import alerts, sending
from newsletters.admin import screens
from newsletters.models import (
    BreakingAlert,
    Edition,
    EditionStory,
    Newsletter,
    Subscription,
)

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "subscribers", "is_offered", "sender_address"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name",
        "slug",
        "kind",
        "description",
        "sender_name",
        "sender_address",
        "reply_to",
        "language",
        "is_offered",
        "position",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                subscriber_count=Count(
                    "subscriptions", filter=Q(subscriptions__status=Subscription.Status.SUBSCRIBED)
                )
            )
        )

    @admin.display(description="subscribers", ordering="subscriber_count")
    def subscribers(self, newsletter):
        url = reverse("admin:newsletters_newsletter_audience", args=[newsletter.pk])
        return format_html('<a href="{}">{}</a>', url, newsletter.subscriber_count)

    def get_urls(self):
        audience = self.admin_site.admin_view(screens.audience_view(self))
        return [
            path("<int:pk>/audience/", audience, name="newsletters_newsletter_audience"),
            *super().get_urls(),
        ]


def plain_choice(formfield):
    """A picker without the pencil and plus: a story or newsletter is edited on its own form."""
    widget = getattr(formfield, "widget", None)
    if widget is not None and hasattr(widget, "can_add_related"):
        widget.can_add_related = widget.can_change_related = widget.can_view_related = False
    return formfield


class EditionStoryInline(admin.TabularInline):
    model = EditionStory
    fields = ["position", "article"]
    autocomplete_fields = ["article"]
    extra = 1
    ordering = ["position", "id"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return plain_choice(super().formfield_for_dbfield(db_field, request, **kwargs))


class EditionForm(forms.ModelForm):
    start_from_front = forms.BooleanField(
        label="Start from the front page",
        required=False,
        initial=True,
        help_text="Fill the stories with those placed on the front page, then the newest ones "
        "published since the last edition. You can change them afterwards.",
    )
    schedule_for = forms.DateTimeField(
        label="Send at",
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=DATETIME_INPUT,
        help_text="For “Schedule”; in the newsroom’s time zone.",
    )

    class Meta:
        model = Edition
        fields = ["newsletter", "subject", "intro"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "newsletter" in self.fields:
            self.fields["newsletter"].queryset = Newsletter.objects.filter(
                kind=Newsletter.Kind.DIGEST
            )


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    form = EditionForm
    inlines = [EditionStoryInline]
    list_display = ["subject", "newsletter", "state", "when", "recipient_count"]
    list_filter = ["newsletter", "status"]
    search_fields = ["subject"]
    change_form_template = "admin/newsletters/edition/change_form.html"
    readonly_fields = ["state"]

    def view_on_site(self, edition):
        # Readers see an edition once it is sent; before that the previews show it.
        return edition.get_absolute_url() if edition.status == Edition.Status.SENT else None

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return plain_choice(super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_queryset(self, request):
        return super().get_queryset(request).filter(alert_article=None).select_related("newsletter")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["newsletter", "subject", "intro", "start_from_front"]
        if not obj.is_editable:
            return ["state", "newsletter", "subject", "intro"]
        return ["state", "newsletter", "subject", "intro", "schedule_for"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return ["state", "newsletter", "subject", "intro"]
        return ["state"]

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status not in (Edition.Status.DRAFT, Edition.Status.CANCELLED):
            return False
        return super().has_delete_permission(request, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        digest = Newsletter.objects.filter(kind=Newsletter.Kind.DIGEST).first()
        if digest is not None and "newsletter" not in initial:
            initial["newsletter"] = digest.pk
        return initial

    @admin.display(description="state")
    def state(self, edition):
        return screens.edition_state(edition)

    @admin.display(description="when", ordering="finished_at")
    def when(self, edition):
        return short_time(edition.finished_at or edition.send_at or edition.created_at)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        edition = form.instance
        if not change and form.cleaned_data.get("start_from_front"):
            try:
                sending.compose_digest(
                    newsletter=edition.newsletter, editor=request.user, edition=edition
                )
            except (ValidationError, PermissionDenied) as error:
                messages.warning(request, " ".join(getattr(error, "messages", [str(error)])))

    def response_add(self, request, obj, post_url_continue=None):
        # A new edition opens on its form: its stories, the previews and the send buttons.
        return HttpResponseRedirect(reverse("admin:newsletters_edition_change", args=[obj.pk]))

    def response_change(self, request, obj):
        here = HttpResponseRedirect(request.path)
        try:
            if "_fill" in request.POST:
                sending.compose_digest(newsletter=obj.newsletter, editor=request.user, edition=obj)
                messages.success(request, "The stories now start from the front page.")
                return here
            if "_test" in request.POST:
                address = sending.send_test(edition=obj, editor=request.user)
                messages.success(request, f"A test copy was sent to {address}.")
                return here
            if "_send" in request.POST:
                sending.check_sendable(obj)
                return HttpResponseRedirect(
                    reverse("admin:newsletters_edition_send", args=[obj.pk])
                )
            if "_schedule" in request.POST:
                at = self.schedule_time(request, obj)
                sending.schedule(edition=obj, editor=request.user, at=at)
                messages.success(request, f"Scheduled: it goes out {short_time(at)}.")
                return here
            if "_unschedule" in request.POST:
                sending.unschedule(edition=obj, editor=request.user)
                messages.success(request, "Taken back: it is a draft again.")
                return here
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return here
        return super().response_change(request, obj)

    @staticmethod
    def schedule_time(request, obj):
        field = EditionForm.base_fields["schedule_for"]
        try:
            return field.clean(request.POST.get("schedule_for", ""))
        except ValidationError:
            return None

    def get_urls(self):
        own = screens.edition_urls(self)
        return [*own, *super().get_urls()]


class AlertForm(forms.ModelForm):
    class Meta:
        model = BreakingAlert
        fields = ["alert_article", "newsletter", "subject", "intro"]

    def __init__(self, *args, editor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor
        self.fields["alert_article"].required = True
        self.fields["newsletter"].queryset = Newsletter.objects.filter(kind=Newsletter.Kind.ALERTS)
        self.fields["subject"].required = False
        self.fields["subject"].help_text = "Empty: the story's headline."
        self.fields["intro"].help_text = "Empty: the story's teaser."

    def clean(self):
        cleaned = super().clean()
        article, newsletter = cleaned.get("alert_article"), cleaned.get("newsletter")
        if article is not None and newsletter is not None:
            try:
                alerts.check_alert(article=article, newsletter=newsletter, editor=self.editor)
            except (ValidationError, PermissionDenied) as error:
                raise ValidationError(getattr(error, "messages", [str(error)])) from error
        return cleaned


@admin.register(BreakingAlert)
class BreakingAlertAdmin(admin.ModelAdmin):
    form = AlertForm
    list_display = ["subject", "alert_article", "newsletter", "state", "recipient_count"]
    list_filter = ["newsletter", "status"]
    autocomplete_fields = ["alert_article"]
    change_form_template = "admin/newsletters/breakingalert/change_form.html"

    def view_on_site(self, edition):
        return edition.get_absolute_url() if edition.status == Edition.Status.SENT else None

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return plain_choice(super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("newsletter", "alert_article")

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        alerts_newsletter = Newsletter.objects.filter(kind=Newsletter.Kind.ALERTS).first()
        if alerts_newsletter is not None:
            initial.setdefault("newsletter", alerts_newsletter.pk)
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class EditorAlertForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, editor=request.user, **inner)

        return EditorAlertForm

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["alert_article", "newsletter", "subject", "intro"]
        return ["state", "alert_article", "newsletter", "subject", "intro"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["state", "alert_article", "newsletter", "subject", "intro"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="state")
    def state(self, edition):
        return screens.edition_state(edition)

    def save_model(self, request, obj, form, change):
        created = alerts.attach_alert(
            article=obj.alert_article,
            newsletter=obj.newsletter,
            editor=request.user,
            subject=obj.subject,
            intro=obj.intro,
        )
        obj.pk = created.pk
        obj.__dict__.update({k: v for k, v in created.__dict__.items() if k != "_state"})
        obj._state.adding = False

    def response_change(self, request, obj):
        if "_cancel" in request.POST:
            try:
                alerts.cancel_alert(edition=obj, editor=request.user)
                messages.success(request, "Called off: this alert will not be sent.")
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


# Readers' screens (subscribers with their consent, suppressions) are registered there.
from newsletters import readers_admin  # noqa: E402,F401
