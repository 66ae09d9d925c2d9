"""The live console: write, publish, pin and correct a story's updates; start and end coverage.

Every button posts to the same page and goes through live/services.py, which checks the rights
again and locks what it changes; a refusal is shown on the page with nothing written.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.models import Article
from live import services
from live.forms import CorrectionForm, PollForm, UpdateForm
from live.models import LiveUpdate

RECENT_UPDATES = 50
STEPS = {"save": "Saved as a draft", "submit": "Submitted for an editor", "publish": "Published"}


def console_url(article):
    return reverse("admin:live_livestory_console", args=[article.pk])


def recent_updates(article):
    return (
        LiveUpdate.objects.filter(article=article)
        .select_related("image", "created_by")
        .prefetch_related("authors", "corrections")
        .order_by("-published_at", "-created_at", "-id")[:RECENT_UPDATES]
    )


def console(request, model_admin, pk):
    article = get_object_or_404(Article.objects.select_related("section"), pk=pk)
    write_form = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            outcome = act(request, article, action)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or "You cannot do that.")
            status = 403
        except ValidationError as refusal:
            for text in refusal.messages:
                messages.error(request, text)
            status = 400
        else:
            if isinstance(outcome, UpdateForm):
                write_form, status = outcome, 400
            else:
                messages.success(request, outcome)
                return redirect(console_url(article))
        if action == "write" and write_form is None:
            write_form = UpdateForm(request.POST, prefix="write", user=request.user)
    if write_form is None:
        editing = request.GET.get("edit")
        update = None
        if editing and editing.isdigit():
            update = LiveUpdate.objects.filter(article=article, pk=editing).first()
        write_form = (
            UpdateForm.editing(update, user=request.user)
            if update
            else UpdateForm(prefix="write", user=request.user)
        )
    is_editor = services.can_publish_updates(request.user)
    updates = list(recent_updates(article))
    for update in updates:
        update.may_edit = services.can_edit_update(request.user, update)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Live console",
        "opts": model_admin.model._meta,
        "article": article,
        "updates": updates,
        "write_form": write_form,
        "editing": write_form["update"].value() not in (None, ""),
        "poll_form": PollForm(initial={"poll_seconds": article.live_poll_seconds}),
        "correction_form": CorrectionForm(),
        "media": model_admin.media + write_form.media,
        "is_editor": is_editor,
        "may_write": services.can_write_updates(request.user),
        "default_poll_seconds": settings.NEWSROOM_LIVE_POLL_SECONDS,
        "is_visible": article.is_published(),
        "page_url": article.get_absolute_url(),
        "preview_url": reverse("articles:staff_preview", args=[article.pk]),
    }
    return TemplateResponse(request, "admin/live/console.html", context, status=status)


def act(request, article, action):
    """Carry out one button; returns the message to show, or a form with its errors."""
    user = request.user
    if action == "start":
        services.start_coverage(article=article, editor=user)
        return "Live coverage started: cards mark the story Live and its page checks for updates."
    if action == "end":
        services.end_coverage(article=article, editor=user)
        return "Live coverage ended: the story is a normal article, its updates kept on record."
    if action == "poll":
        form = PollForm(request.POST)
        if not form.is_valid():
            raise ValidationError(form.errors["poll_seconds"])
        seconds = form.cleaned_data["poll_seconds"]
        services.set_poll_interval(article=article, editor=user, seconds=seconds)
        return f"Readers' pages now check every {seconds or settings.NEWSROOM_LIVE_POLL_SECONDS} s."
    if action == "write":
        return write(request, article)
    update = get_object_or_404(LiveUpdate, article=article, pk=request.POST.get("update") or 0)
    if action == "publish":
        services.publish_update(update=update, editor=user)
        return "Update published."
    if action == "submit":
        services.submit_update(update=update, user=user)
        return "Update submitted for an editor."
    if action in ("pin", "unpin"):
        services.set_key_event(update=update, editor=user, is_key_event=action == "pin")
        return "Pinned as a key event." if action == "pin" else "No longer a key event."
    if action == "correct":
        form = CorrectionForm(request.POST)
        if not form.is_valid():
            raise ValidationError("Write what was wrong and what is right.")
        services.correct_update(update=update, editor=user, text=form.cleaned_data["text"])
        return "Correction added: readers see it under the update."
    raise ValidationError("Unknown action.")


def write(request, article):
    form = UpdateForm(request.POST, prefix="write", user=request.user)
    if not form.is_valid():
        return form
    data = form.cleaned_data
    step = request.POST.get("step", "save")
    if step not in STEPS:
        step = "save"
    fields = {
        "title": data["title"],
        "body": data["body"],
        "image": data["image"],
        "is_key_event": data["is_key_event"],
    }
    byline = {"authors": list(data["authors"]), "staff_byline": data["staff_byline"]}
    try:
        if data["update"]:
            update = get_object_or_404(LiveUpdate, article=article, pk=data["update"])
            version = data["version"]
            services.edit_update(
                update=update, user=request.user, version=version, **byline, **fields
            )
            if step == "submit":
                services.submit_update(update=update, user=request.user)
            elif step == "publish":
                services.publish_update(update=update, editor=request.user)
            return "Update saved." if step == "save" else STEPS[step] + "."
        services.write_update(article=article, user=request.user, step=step, **byline, **fields)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form.add_error(None, error)
            return form
        raise
    return STEPS[step] + "."
