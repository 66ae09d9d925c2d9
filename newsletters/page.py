"""The sign-up form at the end of every article page, added through articles' page signal."""

from django.dispatch import receiver

from articles.page_hooks import article_page_shown
from delivery.keys import add_keys
from newsletters.invalidation import NEWSLETTERS
from newsletters.views import sign_up_box


@receiver(article_page_shown, dispatch_uid="newsletters_sign_up_on_the_article_page")
def add_sign_up_form(sender, *, request, article, context, **kwargs):
    if not context.get("is_preview"):
        add_keys(request, NEWSLETTERS)
    box = sign_up_box(page=request.path)
    return {"newsletter_sign_up": box} if box["newsletters"] else None
