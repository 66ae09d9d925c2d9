import datetime

from django.contrib import admin
from django.db.models import F, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from live import console
from live.models import LiveStory

RECENT_DAYS = 3


@admin.register(LiveStory)
class LiveStoryAdmin(admin.ModelAdmin):
    """Stories with live coverage and those published in the last days, each with its console.

    The whole archive would be a long walk to find today's story; any older one opens its console
    from "Live console" on its article form.
    """

    list_display = ("headline", "coverage", "published_at", "console_link")
    list_display_links = None
    search_fields = ("headline",)
    list_filter = ("section",)
    ordering = (F("live_started_at").desc(nulls_last=True), "-published_at")
    list_per_page = 50

    def get_queryset(self, request):
        recent = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
        return (
            super()
            .get_queryset(request)
            .filter(Q(live_started_at__isnull=False) | Q(published_at__gte=recent))
            .defer("body", "search_document")
        )

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
