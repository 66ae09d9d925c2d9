"""How apps above articles add to the article page without articles importing them.

A provider registered here is called with the request, the article and the page's context as
the view has built it; it may add entries (and declare the cache keys of what it adds). The
live app adds its coverage this way.
"""

_providers = []


def register_article_page(provider):
    """Decorator: ``provider(request, article, context)`` runs for every article page."""
    _providers.append(provider)
    return provider


def extend_article_page(request, article, context):
    for provider in _providers:
        provider(request, article, context)
    return context
