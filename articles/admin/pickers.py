"""The related-story picker: which story's form is asking."""

import re
from urllib.parse import urlsplit


def is_pick_autocomplete(request):
    return (
        request.GET.get("model_name") == "relatedarticle"
        and request.GET.get("field_name") == "to_article"
    )


EDITING_PATH = re.compile(r"/articles/article/(\d+)/change/")


def article_being_edited(request):
    """The article whose form asks for picks, read from the page that asks (the referer)."""
    match = EDITING_PATH.search(urlsplit(request.headers.get("Referer", "")).path)
    return int(match.group(1)) if match else None
