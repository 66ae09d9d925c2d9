"""The live coverage on the article page, added through articles' page hook."""

from articles.page_hooks import register_article_page
from delivery.keys import add_keys, key
from live.coverage import Coverage, live_blog_posting


@register_article_page
def add_live_coverage(request, article, context):
    if article.live_started_at is None:
        return
    coverage = Coverage(article)
    context["live_coverage"] = coverage
    if not context.get("is_preview"):
        add_keys(request, key("live", article.pk))
    if context.get("structured_data"):
        context["structured_data"] = live_blog_posting(
            request, coverage, context["structured_data"]
        )
