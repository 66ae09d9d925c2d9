"""robots.txt: the desk is always kept out; apps add what else to keep out and their sitemaps.

Apps above this one connect to ``robots_rules_wanted`` and return ``{"disallow": [...],
"sitemaps": [...]}`` (paths), reversed when robots.txt is asked for, not while the URLconf is
still loading.
"""

from django.dispatch import Signal
from django.shortcuts import render
from django.urls import reverse

robots_rules_wanted = Signal()


def robots_txt(request):
    disallowed, sitemaps = [reverse("admin:index")], []
    for _, rules in robots_rules_wanted.send(sender=None):
        disallowed += rules.get("disallow", [])
        sitemaps += rules.get("sitemaps", [])
    context = {"disallowed": disallowed, "sitemaps": sitemaps}
    return render(request, "website/robots.txt", context, content_type="text/plain; charset=utf-8")
