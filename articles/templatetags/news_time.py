"""The site's ways of writing a moment (articles.times) as template filters."""

from django import template

from articles import times

register = template.Library()

for name in ("machine_time", "news_time", "clock_time", "news_date"):
    register.filter(name, getattr(times, name))
