"""The desk's own newsletter screens: previews of the email, the Send confirmation, the send
log with its progress, and a newsletter's audience week by week."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles.admin.display import short_time
from newsletters import sending
from newsletters.emails import GMAIL_CLIPS_AT, render_edition
from newsletters.models import Edition, Newsletter, Subscriber, Subscription

LOG_REFRESH_SECONDS = 3


def edition_state(edition):
    """A badge and a sentence: where the edition stands."""
    label = edition.get_status_display()
    if edition.status == Edition.Status.SCHEDULED and edition.send_at:
        label = f"Scheduled for {short_time(edition.send_at)}"
    elif edition.status == Edition.Status.SENT:
        label = f"Sent {short_time(edition.finished_at)}"
    elif edition.status == Edition.Status.WAITING and edition.alert_article_id:
        goes_live = edition.alert_article.goes_live_at
        label = (
            f"Waiting: goes out when the story goes live ({short_time(goes_live)})"
            if goes_live
            else "Waiting: goes out when the story is published"
        )
    badge = format_html(
        '<span class="desk-badge desk-badge--edition-{}">{}</span>', edition.status, label
    )
    if edition.outcome:
        return format_html("{} {}", badge, edition.outcome)
    return badge


def took(edition):
    """How long the send ran, to the second: "2 s", "8 min 31 s"."""
    if not (edition.started_at and edition.finished_at):
        return ""
    seconds = max(0, round((edition.finished_at - edition.started_at).total_seconds()))
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def edition_urls(model_admin):
    wrap = model_admin.admin_site.admin_view
    return [
        path(
            "<int:pk>/preview/<str:part>/",
            wrap(preview_view(model_admin)),
            name="newsletters_edition_preview",
        ),
        path("<int:pk>/send/", wrap(send_view(model_admin)), name="newsletters_edition_send"),
        path("<int:pk>/log/", wrap(log_view(model_admin)), name="newsletters_edition_log"),
    ]


def viewable_edition(model_admin, request, pk):
    edition = get_object_or_404(Edition.objects.select_related("newsletter"), pk=pk)
    if not model_admin.has_view_permission(request, edition):
        raise PermissionDenied
    return edition


def preview_view(model_admin):
    def view(request, pk, part):
        edition = viewable_edition(model_admin, request, pk)
        rendered = render_edition(edition)
        reader = Subscriber(pk=0, address="reader@example.org", link_key="preview")
        from newsletters.emails import edition_message

        message = edition_message(rendered, edition=edition, subscriber=reader)
        if part == "text":
            response = HttpResponse(message.body, content_type="text/plain; charset=utf-8")
        elif part == "html":
            response = HttpResponse(message.alternatives[0][0], content_type="text/html")
        else:
            return HttpResponse("Preview “html” or “text”.", status=404)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return view


def send_view(model_admin):
    def view(request, pk):
        edition = viewable_edition(model_admin, request, pk)
        change_url = reverse("admin:newsletters_edition_change", args=[edition.pk])
        if request.method == "POST":
            try:
                sending.send_now(edition=edition, editor=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
                return HttpResponseRedirect(change_url)
            messages.success(request, "Queued: the worker is sending it. This page follows it.")
            return HttpResponseRedirect(reverse("admin:newsletters_edition_log", args=[edition.pk]))
        readers = Subscription.objects.filter(
            newsletter=edition.newsletter, status=Subscription.Status.SUBSCRIBED
        ).count()
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": Edition._meta,
            "original": edition,
            "title": f"Send “{edition.subject}”",
            "edition": edition,
            "readers": readers,
            "can_send": sending.can_send(request.user),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/newsletters/edition/send.html", context)

    return view


def log_view(model_admin):
    def view(request, pk):
        edition = viewable_edition(model_admin, request, pk)
        log = sending.send_log(edition)
        rendered_size = None
        if edition.status in (Edition.Status.DRAFT, Edition.Status.SCHEDULED):
            rendered_size = len(render_edition(edition).html.encode("utf-8"))
        running = edition.status in (Edition.Status.QUEUED, Edition.Status.SENDING)
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": edition._meta,
            "original": edition,
            "title": f"Send log: {edition.subject}",
            "edition": edition,
            "state": edition_state(edition),
            "took": took(edition),
            "log": log,
            "running": running,
            "refresh_seconds": LOG_REFRESH_SECONDS,
            "rendered_size": rendered_size,
            "gmail_limit": GMAIL_CLIPS_AT,
            "change_url": reverse(
                "admin:newsletters_breakingalert_change"
                if edition.alert_article_id
                else "admin:newsletters_edition_change",
                args=[edition.pk],
            ),
        }
        response = TemplateResponse(request, "admin/newsletters/edition/log.html", context)
        if running:
            # The page follows the send without a script: the browser reloads it.
            response["Refresh"] = str(LOG_REFRESH_SECONDS)
        return response

    return view


def audience_view(model_admin):
    def view(request, pk):
        newsletter = get_object_or_404(Newsletter, pk=pk)
        if not model_admin.has_view_permission(request, newsletter):
            raise PermissionDenied
        current, weeks = sending.audience(newsletter)
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": Newsletter._meta,
            "original": newsletter,
            "title": f"Readers of {newsletter.name}",
            "newsletter": newsletter,
            "current": current,
            "weeks": weeks,
            "editions": newsletter.editions.filter(status=Edition.Status.SENT).order_by(
                "-finished_at"
            )[:10],
        }
        return TemplateResponse(request, "admin/newsletters/newsletter/audience.html", context)

    return view
