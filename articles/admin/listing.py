"""The article list: columns, search through the stored vector, the picker's choices."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Prefetch
from django.utils.html import format_html

from articles.admin.display import short_time, status_badges
from articles.admin.pickers import article_being_edited, is_pick_autocomplete
from articles.models import Article, ArticleAuthor, ArticleChoice
from articles.search import desk_search


class ArticleListing:
    """The article list of ArticleAdmin: its columns, search and the queue count."""

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

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "scheduled_count": Article.objects.scheduled().count(),
        }
        extra_context["time_zone"] = settings.TIME_ZONE
        return super().changelist_view(request, extra_context)
