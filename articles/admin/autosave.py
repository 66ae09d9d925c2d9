"""The article form's autosave endpoint: what static/admin-desk/autosave.js sends while typing.

The rules are articles.autosaving's; this view only answers the page. Its replies are JSON:
200 with the new version and the time, 409 when someone saved a newer version (nothing is
written), 403 without the right to change the story, 400 for a published story or bad input.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format

from articles import autosaving
from articles.models import Article

AUTOSAVE_PAUSED = "Autosave is paused while the two versions differ: merge them, then press Save."


def session_key(article):
    """Where the session keeps the revision its autosaves of ``article`` replace."""
    return f"desk-autosave-{article.pk}"


def end_autosave_session(request, article):
    """A real Save ends the editing session: the next autosave starts a revision of its own."""
    request.session.pop(session_key(article), None)


def autosave_context(request, article, can_change, conflict=None):
    """What the change form says about autosave: where to send the words, or why it is off."""
    if not can_change:
        return {}
    if article.status == Article.Status.PUBLISHED:
        return {"autosave_off": autosaving.OFF_FOR_PUBLISHED}
    if conflict:
        # The form now carries the newer version: saving over it must be a deliberate Save.
        return {"autosave_off": AUTOSAVE_PAUSED}
    return {"autosave_url": reverse("admin:articles_article_autosave", args=[article.pk])}


class ArticleAutosave:
    """The autosave URL of ArticleAdmin and what the article form needs to offer it."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_autosave"
        view = self.admin_site.admin_view(self.autosave_view)
        return [path("<path:object_id>/autosave/", view, name=name), *super().get_urls()]

    def autosave_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return JsonResponse({"error": "Not saved: this article no longer exists."}, status=404)
        if not self.has_change_permission(request, article):
            return JsonResponse(
                {"error": "Not saved: you can no longer change this article."}, status=403
            )
        try:
            saved = autosaving.autosave_article(
                article=article,
                user=request.user,
                opened_version=request.POST.get("opened_version", ""),
                data=request.POST,
                session_revision_id=request.session.get(session_key(article)),
            )
        except autosaving.AutosaveConflict as conflict:
            return JsonResponse(
                {"error": str(conflict), "conflict": True, "version": conflict.version},
                status=409,
            )
        except PermissionDenied as refusal:
            return JsonResponse({"error": f"Not saved: {refusal}"}, status=403)
        except ValidationError as error:
            return JsonResponse({"error": "Not saved: " + " ".join(error.messages)}, status=400)
        request.session[session_key(article)] = saved.revision_id
        return JsonResponse(
            {
                "version": saved.article.version,
                "saved_at": date_format(timezone.localtime(saved.article.updated_at), "H:i:s"),
                "changed": saved.changed,
            }
        )
