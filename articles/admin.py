from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from articles import publishing
from articles.models import Article, ArticleAuthor, RelatedArticle, Section

NOT_A_PUBLISHER = "Only editors can publish or schedule an article."


def is_locked_for(request, article):
    """A published or scheduled article is out of the hands of those who cannot publish."""
    return (
        article is not None
        and article.status == Article.Status.PUBLISHED
        and not publishing.can_publish(request.user)
    )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position"]
    list_filter = ["in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleAdminForm(forms.ModelForm):
    """Refuses publishing from those without the right, whatever the browser sent.

    ArticleAdmin.get_form() supplies the model, the fields and ``can_publish`` for each request.
    """

    can_publish = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not self.can_publish:
            status.choices = [
                choice for choice in status.choices if choice[0] != Article.Status.PUBLISHED
            ]
            status.error_messages["invalid_choice"] = NOT_A_PUBLISHER

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == Article.Status.PUBLISHED and not self.can_publish:
            raise ValidationError(NOT_A_PUBLISHER, code="not_a_publisher")
        return status

    def clean_published_at(self):
        published_at = self.cleaned_data["published_at"]
        if published_at != self.instance.published_at and not self.can_publish:
            raise ValidationError(NOT_A_PUBLISHER, code="not_a_publisher")
        return published_at


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("live", "Live"), ("scheduled", "Scheduled")]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        return queryset


class ArticlePartInline(admin.TabularInline):
    """Bylines and picks are part of the article: locked when the article is."""

    extra = 1

    def has_add_permission(self, request, obj):
        return not is_locked_for(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not is_locked_for(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_locked_for(request, obj) and super().has_delete_permission(request, obj)


class BylineInline(ArticlePartInline):
    model = ArticleAuthor
    fields = ["author", "position"]
    autocomplete_fields = ["author"]
    ordering = ["position", "id"]
    verbose_name = "byline"
    verbose_name_plural = "byline"


class PickInline(ArticlePartInline):
    model = RelatedArticle
    fk_name = "from_article"
    fields = ["to_article", "position"]
    autocomplete_fields = ["to_article"]
    ordering = ["position", "id"]
    verbose_name = "editor's pick"
    verbose_name_plural = "editor's picks for “Read more”"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "section", "status", "publish_time", "byline", "updated_at"]
    list_select_related = ["section"]
    list_filter = ["status", PublicationFilter, "section", "authors"]
    search_fields = ["headline", "dek", "body", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_image"]
    inlines = [BylineInline, PickInline]
    actions = ["submit_for_review", "publish_now", "unpublish"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "section", "dek", "body", "tags"]}),
        ("Lead image", {"fields": ["lead_image", "lead_image_caption", "lead_image_credit"]}),
        ("Publishing", {"fields": ["status", "published_at", "revised_at"]}),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": [
                    "word_count",
                    "reading_time",
                    "created_by",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    readonly_fields = [
        "revised_at",
        "word_count",
        "reading_time",
        "created_by",
        "created_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author"))
            )
        )

    def get_readonly_fields(self, request, obj=None):
        readonly_fields = list(super().get_readonly_fields(request, obj))
        if not publishing.can_publish(request.user):
            readonly_fields.append("published_at")
        return readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory() made a fresh class for this request, so this stays per-request.
        form.can_publish = publishing.can_publish(request.user)
        return form

    def has_change_permission(self, request, obj=None):
        return not is_locked_for(request, obj) and super().has_change_permission(request, obj)

    def has_publish_permission(self, request):
        return publishing.can_publish(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        # Status and publish time change through publishing.py, which checks rights again: the
        # form is only the first line of defence.
        if not self._save_publication_change(request, obj, form, change):
            super().save_model(request, obj, form, change)

    def _save_publication_change(self, request, article, form, change):
        """Save through publishing.py when status or publish time moved; False when they didn't."""
        Status = Article.Status
        stored_status, stored_at = Status.DRAFT, None
        if change:
            stored_status, stored_at = (
                Article.objects.filter(pk=article.pk).values_list("status", "published_at").get()
            )
        if "published_at" not in form.changed_data:
            # The form shows whole seconds: an untouched time must not count as a new one.
            article.published_at = stored_at
        wanted_status, wanted_at = article.status, article.published_at
        if wanted_status == Status.PUBLISHED:
            if stored_status == Status.PUBLISHED and wanted_at == stored_at:
                return False
            publishing.publish_article(article=article, editor=request.user, at=wanted_at)
        elif stored_status == Status.PUBLISHED:
            publishing.unpublish_article(article=article, editor=request.user)
            if wanted_status == Status.IN_REVIEW:
                publishing.submit_for_review(article=article, user=request.user)
        elif wanted_at != stored_at and not publishing.can_publish(request.user):
            raise PermissionDenied(NOT_A_PUBLISHER)
        elif wanted_status == Status.IN_REVIEW and stored_status == Status.DRAFT:
            publishing.submit_for_review(article=article, user=request.user)
        else:
            return False
        return True

    @admin.display(description="publish time", ordering="published_at")
    def publish_time(self, article):
        if article.published_at is None:
            return None
        when = date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
        return f"{when} (scheduled)" if article.is_scheduled() else when

    @admin.display(description="byline")
    def byline(self, article):
        return ", ".join(author.name for author in article.byline)

    @admin.display(description="reading time")
    def reading_time(self, article):
        return f"{article.reading_minutes} min read"

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        drafts = list(queryset.filter(status=Article.Status.DRAFT))
        for article in drafts:
            publishing.submit_for_review(article=article, user=request.user)
        self._report(request, len(drafts), "submitted for review", queryset.count())

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        # A live article keeps its publish time: publishing it again would float it to the top.
        waiting = [article for article in queryset if not article.is_published()]
        for article in waiting:
            publishing.publish_article(article=article, editor=request.user)
        self._report(request, len(waiting), "published", queryset.count())

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        published = list(queryset.filter(status=Article.Status.PUBLISHED))
        for article in published:
            publishing.unpublish_article(article=article, editor=request.user)
        self._report(request, len(published), "unpublished", queryset.count())

    def _report(self, request, done, verb, selected):
        noun = "article" if done == 1 else "articles"
        self.message_user(request, f"{done} {noun} {verb}.", messages.SUCCESS)
        if skipped := selected - done:
            self.message_user(
                request,
                f"{skipped} of the selected articles did not need it and were left as they were.",
                messages.WARNING,
            )
