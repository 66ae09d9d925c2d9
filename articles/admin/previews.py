"""Previews of stories readers cannot see yet: for the desk, and through share links.

A preview is the article page itself, marked "Preview — not published". It is never cached,
indexed or followed, and anyone without the right (or a working link) gets the same 404 as a
reader, so a preview address tells nothing about what exists.
"""

from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from articles.models import Article, PreviewLink
from articles.views import article_page_context, render_article_page


def _private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    # The share link is a secret: links clicked on the page must not pass it on.
    response["Referrer-Policy"] = "no-referrer"
    return response


def _not_found(request):
    return _private(render(request, "404.html", status=404))


def _preview_of(request, article_pk):
    article = Article.objects.for_article_page().filter(pk=article_pk).first()
    if article is None:
        return _not_found(request)
    # In the story's own edition: its words, its <html lang>, its links.
    with translation.override(article.language):
        context = article_page_context(request, article, is_preview=True)
        return _private(render_article_page(request, context))


def staff_preview(request, pk):
    """Any article, published or not, for signed-in desk staff."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
        return _not_found(request)
    return _preview_of(request, pk)


def shared_preview(request, token):
    """One article, for whoever holds a share link that has neither expired nor been revoked."""
    key = PreviewLink.key_from_token(token)
    link = PreviewLink.objects.active().filter(key=key).first() if key else None
    if link is None:
        return _not_found(request)
    return _preview_of(request, link.article_id)
