"""How apps above articles add to the article page without articles importing them.

``article_page_shown`` is sent with the request, the article and the page's context as the view
has built it; a receiver returns entries to add to (or replace in) the context, or None, and
may declare the cache keys of what it adds. The live app adds its coverage this way.
"""

from django.dispatch import Signal

article_page_shown = Signal()


def extend_article_page(request, article, context):
    for _, entries in article_page_shown.send(
        sender=type(article), request=request, article=article, context=context
    ):
        if entries:
            context.update(entries)
    return context
