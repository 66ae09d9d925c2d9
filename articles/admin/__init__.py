"""The articles' desk: the ModelAdmins, wiring the pieces of this package to Django's admin.

- ``forms.py``, ``widgets.py``: the article form (no lost edits) and its tag picker and editor
- ``editing.py``: what the form shows and how a save goes through the services
- ``listing.py``, ``filters.py``, ``pickers.py``: the article list, its filters, the story picker
- ``inlines.py``: byline, picks, new corrections
- ``actions.py``: list actions and deletion (only never-published drafts)
- ``screens.py``: scheduled queue, history, compare, restore, share links
- ``home.py``: the desk home at /admin/; ``previews.py``: the staff and shared previews
- ``names.py``: sections' and tags' names in the other editions
- ``translations.py``: Translate…, the list's edition column, filter and translations

Rights are checked in the desk for what the screens offer and again in publishing.py for what they
do, so a hand-made POST gets no further than a button nobody was shown.
"""

from django.contrib import admin, messages

from articles import sharing
from articles.admin.actions import ArticleActions
from articles.admin.autosave import ArticleAutosave
from articles.admin.editing import ArticleEditing
from articles.admin.filters import MineFilter, PublicationFilter
from articles.admin.forms import ArticleAdminForm
from articles.admin.listing import ArticleListing
from articles.admin.names import EditionNames, SectionNameInline
from articles.admin.notes import ArticleNotes
from articles.admin.screens import ArticleScreens
from articles.admin.translations import ArticleTranslations
from articles.models import Article, PreviewLink, Section


@admin.register(Section)
class SectionAdmin(EditionNames, admin.ModelAdmin):
    edition_inline = SectionNameInline
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position"]
    list_filter = ["in_navigation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(
    ArticleTranslations,
    ArticleEditing,
    ArticleListing,
    ArticleActions,
    ArticleScreens,
    ArticleAutosave,
    ArticleNotes,
    admin.ModelAdmin,
):
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
        "embed_states",
        "corrections_on_record",
        "updated",
        "word_count",
        "reading_time",
        "created_by",
        "created",
        "last_saved_at",
    ]

    class Media:
        js = [
            "admin-desk/article-form.js",
            "admin-desk/autosave.js",
            "admin-desk/ordering.js",
            "admin-desk/word-count.js",
            # Named together so the merged media keep this order: it wraps urlify.js's URLify.
            "admin/js/urlify.js",
            "admin-desk/transliterate.js",
        ]


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
