"""The article list's actions, and deletion, which only never-published drafts allow."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.html import format_html

from articles import publishing
from articles.admin.display import status_badges
from articles.models import Article


class ArticleActions:
    """List actions and deletion: each runs a service per story; nothing readers saw is deleted."""

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._apply(
            request,
            queryset,
            "submitted for review",
            lambda article: publishing.submit_for_review(article=article, user=request.user),
        )

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        done = self._apply(
            request,
            queryset,
            "published",
            lambda article: publishing.publish_article(article=article, editor=request.user),
            skip=lambda article: article.is_published(),
        )
        if held := sum(not article.is_published() for article in done):
            self.message_user(
                request,
                f"{held} under embargo: scheduled for the moment the embargo lifts.",
                messages.WARNING,
            )

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        done = self._apply(
            request,
            queryset,
            "unpublished",
            lambda article: publishing.unpublish_article(article=article, editor=request.user),
            skip=lambda article: article.status != Article.Status.PUBLISHED,
        )
        for article in done:
            for notice in article.unpublish_notices:
                self.message_user(request, f"“{article}”: {notice}", messages.WARNING)

    @admin.action(description="Delete the selected drafts", permissions=["delete"])
    def delete_drafts(self, request, queryset):
        """Stock "delete selected", except that nothing readers saw is ever deleted."""
        seen = [article for article in queryset if article.was_ever_public()]
        if seen:
            self.message_user(
                request,
                format_html(
                    "Nothing was deleted. Readers have seen {}, so {} withdrawn instead: "
                    "unpublish it, and its address will tell readers it was withdrawn (410 Gone). "
                    "Only drafts that were never published can be deleted.",
                    ", ".join(f"“{article}”" for article in seen),
                    "it can only be" if len(seen) == 1 else "they can only be",
                ),
                messages.ERROR,
            )
            return None
        return delete_selected(self, request, queryset)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            publishing.delete_article(article=article, user=request.user)

    def delete_model(self, request, obj):
        publishing.delete_article(article=obj, user=request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and article.was_ever_public():
            return self.refuse_delete(request, article)
        return super().delete_view(request, object_id, extra_context)

    def refuse_delete(self, request, article):
        """What readers saw is never deleted: say so, and offer what to do instead."""
        context = {
            **self._desk_context(request, article, f"“{article}” cannot be deleted"),
            "message": publishing.NOT_DELETABLE,
            "badges": status_badges(article),
            "can_unpublish": publishing.can_publish(request.user)
            and article.status == Article.Status.PUBLISHED,
            "corrections": article.corrections.count(),
        }
        return TemplateResponse(
            request, "admin/articles/article/delete_refused.html", context, status=403
        )

    def _apply(self, request, queryset, verb, service, skip=None):
        """Run ``service`` on each selected article; each call locks its row and checks rights.

        The list page may be minutes old: an article that no longer needs the step, or that
        someone else has changed so the step is refused, is left as it is and reported.
        """
        done, refused = [], []
        for article in queryset:
            if skip is not None and skip(article):
                continue
            try:
                done.append(service(article))
            except (PermissionDenied, ValidationError) as error:
                refused.append((article, error))
        self._report(request, len(done), verb, queryset.count() - len(refused))
        for article, error in refused:
            reason = " ".join(getattr(error, "messages", [str(error)]))
            self.message_user(request, f"“{article}” was left as it was: {reason}", messages.ERROR)
        return done

    def _report(self, request, done, verb, selected):
        noun = "article" if done == 1 else "articles"
        self.message_user(request, f"{done} {noun} {verb}.", messages.SUCCESS)
        if skipped := selected - done:
            self.message_user(
                request,
                f"{skipped} of the selected articles did not need it, or are not yours to change, "
                "and were left as they were.",
                messages.WARNING,
            )
