"""What the desk shows of a body's embeds: each link's state, and why one failed."""

from django.utils import timezone
from django.utils.html import format_html, format_html_join

from embeds.links import embed_links
from embeds.models import Embed
from embeds.resolver import RETRY_AFTER


def embed_state(embed, provider):
    if embed is None or embed.status in (Embed.Status.PENDING, Embed.Status.RESOLVING):
        return "Waiting for the worker: readers see a plain link until it is resolved."
    if embed.status == Embed.Status.FAILED:
        retry = timezone.localtime(embed.updated_at + RETRY_AFTER).strftime("%H:%M")
        return (
            f"Failed: {embed.error} Readers see a plain link. Saving the story after {retry} "
            "tries again."
        )
    resolved = f"Resolved: “{embed.title or embed.url}”"
    if embed.author_name:
        resolved += f" by {embed.author_name}"
    return f"{resolved}. {embed.error}".strip() if embed.error else resolved + "."


def embed_states(body):
    """An HTML list, one line per embed link of ``body``; "" when it has none."""
    links = embed_links(body)
    if not links:
        return "No embeds: a link to a known provider on a line of its own becomes one."
    embeds = {
        embed.url: embed for embed in Embed.objects.filter(url__in=[link.url for link in links])
    }
    return format_html(
        '<ul class="desk-embeds">{}</ul>',
        format_html_join(
            "",
            '<li data-embed-state="{}"><strong>{}</strong> <a href="{}">{}</a><br>{}</li>',
            (
                (
                    getattr(embeds.get(link.url), "status", "pending"),
                    link.provider.label,
                    link.url,
                    link.url,
                    embed_state(embeds.get(link.url), link.provider),
                )
                for link in links
            ),
        ),
    )
