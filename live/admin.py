from django.contrib import admin
from django.db.models import F
from django.urls import path, reverse
from django.utils.html import format_html

from live import console
from live.models import LiveStory


@admin.register(LiveStory)
class LiveStoryAdmin(admin.ModelAdmin):
    """Stories readers can see (or that were live), each leading to its live console."""

    list_display = ("headline", "coverage", "published_at", "console_link")
    list_display_links = None
    search_fields = ("headline",)
    list_filter = ("section",)
    ordering = (F("live_started_at").desc(nulls_last=True), "-published_at")
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body", "search_document")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.console_view)
        return [
            path("<int:pk>/console/", view, name="live_livestory_console"),
            *super().get_urls(),
        ]

    def console_view(self, request, pk):
        if not self.has_view_permission(request):
            raise console.PermissionDenied
        return console.console(request, self, pk)

    @admin.display(description="coverage")
    def coverage(self, story):
        if story.is_live:
            return "Live"
        return "Ended" if story.live_ended_at else "—"

    @admin.display(description="")
    def console_link(self, story):
        url = reverse("admin:live_livestory_console", args=[story.pk])
        return format_html('<a href="{}">Live console</a>', url)
