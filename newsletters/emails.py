"""The emails themselves: an edition rendered once, then addressed to each reader.

The HTML is rendered and its CSS inlined once per edition (css-inline: mail programs drop
``<style>`` elements, except the dark-scheme rules, which are kept as the one ``@media`` block);
each reader's copy only has their two signed links put in. Every link is absolute, on
NEWSROOM_SITE_URL. Header fields come from validated one-line fields, and Django refuses a line
break in a header anyway (BadHeaderError), so nothing typed can add a header.
"""

from dataclasses import dataclass
from email.utils import make_msgid
from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import pgettext

from articles.models import Article
from media.renditions import file_url, get_rendition
from newsletters import tokens
from newsletters.mail import absolute, mail_origin

MANAGE_PLACEHOLDER = "__newsletter_manage_url__"
UNSUBSCRIBE_PLACEHOLDER = "__newsletter_unsubscribe_url__"
LEAD_IMAGE_SPEC = "w1200"  # shown 552 px wide: sharp on a phone's dense screen
GMAIL_CLIPS_AT = 102 * 1024

inliner = css_inline.CSSInliner(
    keep_style_tags=False, keep_at_rules=True, load_remote_stylesheets=False
)


@dataclass(frozen=True)
class RenderedEdition:
    edition_pk: int
    subject: str
    html: str
    text: str
    story_count: int


def visible_stories(edition):
    """The edition's stories readers may see now, in its order: nothing unpublished is mailed."""
    order = {
        article_id: position
        for position, article_id in enumerate(
            edition.placements.order_by("position", "id").values_list("article_id", flat=True)
        )
    }
    if edition.alert_article_id and edition.alert_article_id not in order:
        order = {edition.alert_article_id: -1, **order}
    stories = Article.objects.published().filter(pk__in=order).with_card_relations()
    return sorted(stories, key=lambda story: order[story.pk])


def story_context(story, with_image):
    context = {
        "headline": story.headline,
        "dek": story.dek,
        "url": absolute(story.get_absolute_url()),
        "section": story.section.name,
        "byline": ", ".join(author.name for author in story.byline),
        "image_url": "",
    }
    if with_image and story.lead_image is not None and story.lead_image.file:
        rendition = get_rendition(story.lead_image, LEAD_IMAGE_SPEC)
        context["image_url"] = absolute(file_url(rendition.file))
        context["image_alt"] = story.lead_image.alt_text
        context["caption"] = story.lead_caption_with_credit
    return context


def render_edition(edition, stories=None):
    # The edition's fixed words in its newsletter's language, whoever (or whatever) renders it.
    with translation.override(edition.newsletter.email_language):
        return _render_edition(edition, stories)


def _render_edition(edition, stories):
    stories = visible_stories(edition) if stories is None else stories
    intro = [part.strip() for part in edition.intro.replace("\r\n", "\n").split("\n\n")]
    intro = [part for part in intro if part]
    sent = edition.finished_at or edition.started_at or edition.send_at or timezone.now()
    context = {
        "language": edition.newsletter.email_language,
        "subject": edition.subject,
        "newsletter": edition.newsletter,
        "site_name": settings.SITE_NAME,
        "site_url": mail_origin() + "/",
        "sent_on": date_format(timezone.localtime(sent), pgettext("date format", "j F Y")),
        "intro_paragraphs": intro,
        "preheader": intro[0][:140] if intro else (stories[0].headline if stories else ""),
        "stories": [story_context(story, index == 0) for index, story in enumerate(stories)],
        "web_url": absolute(edition.get_absolute_url()) if edition.pk else "",
    }
    html = inliner.inline(render_to_string("newsletters/email/edition.html", context))
    text = render_to_string("newsletters/email/edition.txt", context)
    return RenderedEdition(edition.pk, edition.subject, html, text, len(stories))


def mail_domain():
    return urlsplit(mail_origin()).hostname or "localhost"


def reader_links(subscriber, newsletter, edition=None):
    manage = reverse("newsletters:manage", kwargs={"token": tokens.manage_token(subscriber)})
    unsubscribe = reverse(
        "newsletters:unsubscribe",
        kwargs={"token": tokens.unsubscribe_token(subscriber, newsletter, edition)},
    )
    return absolute(manage), absolute(unsubscribe)


def edition_message(rendered, *, edition, subscriber, delivery_pk=None):
    """One reader's copy, with RFC 8058 one-click unsubscribe headers."""
    newsletter = edition.newsletter
    manage_url, unsubscribe_url = reader_links(subscriber, newsletter, edition)
    html = rendered.html.replace(MANAGE_PLACEHOLDER, escape(manage_url)).replace(
        UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe_url)
    )
    text = rendered.text.replace(MANAGE_PLACEHOLDER, manage_url).replace(
        UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url
    )
    reference = f"e{edition.pk}.d{delivery_pk}" if delivery_pk else f"e{edition.pk}.test"
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=text,
        from_email=newsletter.sender,
        to=[subscriber.address],
        reply_to=[newsletter.reply_to] if newsletter.reply_to else None,
        headers={
            "Message-ID": make_msgid(idstring=reference, domain=mail_domain()),
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{newsletter.name} <{newsletter.slug}.{mail_domain()}>",
            "Content-Language": newsletter.email_language,
        },
    )
    message.attach_alternative(html, "text/html")
    # Email providers (django-anymail) report bounces and complaints with it.
    message.metadata = {"delivery": str(delivery_pk or "")}
    return message
