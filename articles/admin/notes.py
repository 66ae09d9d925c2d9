"""The note thread beside the article form: read it, write to it, from any stage of a story.

The rules are articles.notes'; this only shows the thread and takes a new note.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse

from articles import notes
from articles.admin.display import desk_time, person


def notes_context(request, article):
    """The thread as ``request.user`` sees it now; showing it reads it."""
    unread = notes.unread_ids(request.user, article)
    rows = [
        {
            "note": note,
            "who": person(note.created_by),
            "when": desk_time(note.created_at),
            "is_mine": note.created_by_id == request.user.pk,
            "is_unread": note.pk in unread,
        }
        for note in notes.thread(article)
    ]
    if unread and request.method == "GET":
        notes.mark_read(article=article, user=request.user)
    return {
        "note_thread": rows,
        "unread_note_count": len(unread),
        "can_leave_note": notes.can_take_part(request.user, article),
        "note_url": reverse("admin:articles_article_notes", args=[article.pk]),
        "note_max_length": notes.NOTE_MAX_LENGTH,
        "unsent_note": request.session.pop("desk-unsent-note", ""),
    }


class ArticleNotes:
    """The notes URL of ArticleAdmin."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_notes"
        view = self.admin_site.admin_view(self.note_view)
        return [path("<path:object_id>/notes/", view, name=name), *super().get_urls()]

    def note_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        try:
            notes.leave_note(article=article, user=request.user, text=request.POST.get("text"))
        except ValidationError as error:
            # The words come back in the box, so nothing typed is lost.
            request.session["desk-unsent-note"] = request.POST.get("text", "")
            self.message_user(request, "Note not sent: " + " ".join(error.messages), messages.ERROR)
        else:
            request.session.pop("desk-unsent-note", None)
            self.message_user(request, "Note sent to the story’s people.", messages.SUCCESS)
        url = reverse("admin:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(url + "#desk-notes")
