"""The desk's own screens: the scheduled queue, history, compare, restore, share links."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles import changes, publishing, restoring, sharing
from articles.admin.display import desk_time, person, status_badges
from articles.admin.forms import PreviewLinkForm
from articles.models import Article, ArticleAuthor, PreviewLink


class ArticleScreens:
    """The desk's own screens for one story: queue, history, compare, restore, share links."""

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
