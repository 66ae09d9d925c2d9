"""robots.txt: the desk is always kept out; apps add what else to keep out and their sitemaps.

Apps above this one register in their ``AppConfig.ready()`` with callables, so that URLs are
reversed when robots.txt is asked for, not while the URLconf is still loading.
"""

from django.shortcuts import render
from django.urls import reverse

_disallowed = [lambda: reverse("admin:index")]
_sitemaps = []


def disallow(url):
    """Keep crawlers out of ``url()`` (a callable returning a path)."""
    _disallowed.append(url)


def add_sitemap(url):
    """Name the sitemap at ``url()`` (a callable returning a path) in robots.txt."""
    _sitemaps.append(url)


def robots_txt(request):
    context = {
        "disallowed": [url() for url in _disallowed],
        "sitemaps": [url() for url in _sitemaps],
    }
    return render(request, "website/robots.txt", context, content_type="text/plain; charset=utf-8")
