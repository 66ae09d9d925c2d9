"""The sign-up form at the end of every article page, added through articles' page hook."""

from articles.page_hooks import register_article_page
from delivery.keys import add_keys
from newsletters.invalidation import NEWSLETTERS
from newsletters.views import sign_up_box


@register_article_page
def add_sign_up_form(request, article, context):
    if not context.get("is_preview"):
        add_keys(request, NEWSLETTERS)
    box = sign_up_box(page=request.path)
    if box["newsletters"]:
        context["newsletter_sign_up"] = box
