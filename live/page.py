"""The live coverage on the article page, added through articles' page signal."""

from django.dispatch import receiver

from articles.page_hooks import article_page_shown
from delivery.keys import add_keys, key
from live.coverage import Coverage, live_blog_posting


@receiver(article_page_shown, dispatch_uid="live_coverage_on_the_article_page")
def add_live_coverage(sender, *, request, article, context, **kwargs):
    if article.live_started_at is None:
        return None
    coverage = Coverage(article)
    entries = {"live_coverage": coverage}
    if not context.get("is_preview"):
        add_keys(request, key("live", article.pk))
    if context.get("structured_data"):
        entries["structured_data"] = live_blog_posting(
            request, coverage, context["structured_data"]
        )
    return entries
