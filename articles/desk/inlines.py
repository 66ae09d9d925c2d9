"""Parts of an article edited on its form: byline, picks, new corrections."""

from django.contrib import admin

from articles import publishing
from articles.models import ArticleAuthor, Correction, RelatedArticle


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
