"""How the desk shows times, people and a story's state."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import changes
from articles.models import Article


def desk_time(moment):
    """A time as the desk reads it: in the newsroom's time zone, with the zone named."""
    return changes.display_time(moment)


def short_time(moment):
    """The same, short enough for a column of a list."""
    return date_format(timezone.localtime(moment), "j M Y, H:i T") if moment else None


def status_badges(article):
    state = article.desk_status
    label = {"live": "Live", "scheduled": "Scheduled"}.get(state) or article.get_status_display()
    badges = [format_html('<span class="desk-badge desk-badge--{}">{}</span>', state, label)]
    if article.is_embargoed():
        badges.append(
            format_html(
                '<span class="desk-badge desk-badge--embargo" title="Nobody can publish before '
                'this time">Embargo until {}</span>',
                desk_time(article.embargo_until),
            )
        )
    if article.withdrawn_at and article.status != Article.Status.PUBLISHED:
        badges.append(mark_safe('<span class="desk-badge desk-badge--withdrawn">Withdrawn</span>'))
    return format_html_join(" ", "{}", ((badge,) for badge in badges))


def person(user):
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()
