"""The story card and the byline: the markup every list page repeats, built in Python.

A list page shows up to 25 cards. As an included template each card resolved some thirty
variables through Django's template engine, pushed contexts for the include and the byline
include inside it, and looked up its filters: about a third of the CPU of an uncached feed,
author, tag or section page. Built here, a card costs its attribute reads and one ``format_html``,
which escapes everything that comes from the database.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext

from articles.times import clock_time, machine_time, news_date, news_time
from articles.translations import section_name
from media.templatetags.media_tags import picture
from website.words import and_list

register = template.Library()
# For the cards still built as templates (search results): the section as the page's edition
# names it; give the list its names with ``with_section_names`` or each card asks once.
register.filter("section_name", section_name)


def live_mark():
    return format_html('<span class="live-mark">{}</span>', pgettext("live coverage", "Live"))


# The picture of each kind of card: the front's lead story, the top stories beside it, a feed
# card (the first one on a page loads at once).
LEAD_PICTURE = {
    "sizes": "(min-width: 64rem) 46rem, (min-width: 40rem) calc(100vw - 2rem), 100vw",
    "loading": "eager",
}
SECONDARY_PICTURE = {
    "sizes": "(min-width: 64rem) 7rem, (min-width: 40rem) 9rem, 6.5rem",
    "crop": "16x9",
    "max_width": 400,
}
FEED_PICTURE = {
    "sizes": "(min-width: 64rem) 22rem, (min-width: 40rem) 14rem, 6.5rem",
    "crop": "16x9",
    "max_width": 800,
}
CARD = """<article class="card{}">
  <div class="card__text">
    <p class="card__meta">
      {}
      <a class="section-label" href="{}">{}</a>
      {}
    </p>
    <h2 class="card__headline"><a href="{}">{}</a></h2>
    {}
    {}
  </div>
  {}
</article>
"""


@register.simple_tag
def byline_names(authors):
    """``A``, ``A and B``, ``A, B and C``: each name linking to the author's page."""
    return and_list(
        format_html('<a href="{}">{}</a>', a.get_absolute_url(), a.name) for a in authors
    )


@register.simple_tag
def by_line(authors):
    """``By A and B``: the byline with its names linked."""
    return format_html(gettext("By {names}"), names=byline_names(authors))


@register.simple_tag
def article_card(article, variant="", eager_image=False):
    """One story in a list. ``variant``: "lead" (the front's top story, large with its
    picture), "secondary" (beside it) or empty (a feed card; ``eager_image`` for the first)."""
    section = article.section
    authors = article.byline
    # The lead is never without a teaser; smaller cards show a dek only when the desk wrote one.
    teaser = article.teaser if variant == "lead" else article.dek
    modifiers = f" card--{variant}" if variant else ""
    if article.lead_image is None:
        modifiers += " card--no-picture"
    return format_html(
        CARD,
        modifiers,
        live_mark() if article.is_live else "",
        section.get_absolute_url(),
        section_name(section),
        card_time(article),
        article.get_absolute_url(),
        article.headline,
        format_html('<p class="card__dek">{}</p>', teaser) if teaser else "",
        format_html('<p class="card__byline">{}</p>', by_line(authors)) if authors else "",
        card_picture(article.lead_image, variant, eager_image),
    )


def card_time(article):
    """When the story went out ("3 hours ago"), or for live coverage when it last moved."""
    if article.is_live and article.live_updated_at:
        moment = format_html(
            '<time datetime="{}" title="{}">{}</time>',
            machine_time(article.live_updated_at),
            news_date(article.live_updated_at, "F j, Y, g:i A"),
            clock_time(article.live_updated_at),
        )
        updated = format_html(gettext("Updated {time}"), time=moment)
        return format_html('<span class="card__updated">{}</span>', updated)
    published_at = article.published_at
    return format_html(
        '<time datetime="{}" data-relative title="{}">{}</time>',
        machine_time(published_at),
        news_date(published_at, "F j, Y, g:i A"),
        news_time(published_at),
    )


def card_picture(image, variant, eager_image):
    if image is None:
        return ""
    if variant == "lead":
        options = LEAD_PICTURE
    elif variant == "secondary":
        options = SECONDARY_PICTURE
    else:
        options = {**FEED_PICTURE, "loading": "eager"} if eager_image else FEED_PICTURE
    return picture(image, css_class="card__image", **options)
