from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from articles.models import Article, Section
from articles.related import related_articles

FEED_PAGE_SIZE = 20


def render_feed(request, template_name, articles, context=None):
    """A newest-first list, continued by ?before=<cursor>; ?fragment=1 sends just the items."""
    page = articles.for_listing().page(request.GET.get("before"), size=FEED_PAGE_SIZE)
    context = {**(context or {}), "page": page, "is_continuation": bool(request.GET.get("before"))}
    if request.GET.get("fragment") == "1":
        template_name = "includes/_feed_page.html"
    return render(request, template_name, context)


def feed(request):
    return render_feed(request, "articles/article_list.html", Article.objects.published())


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = Article.objects.published().filter(section=section)
    context = {"section": section, "current_section_slug": section.slug}
    return render_feed(request, "articles/section_detail.html", articles, context)


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag)
    return render_feed(request, "articles/tag_detail.html", articles, {"tag": tag})


def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.published()
        .for_listing()
        .prefetch_related("bylines__author__photo__renditions"),
        slug=slug,
    )
    context = {
        "article": article,
        "related_articles": related_articles(article),
        "current_section_slug": article.section.slug,
    }
    return render(request, "articles/article_detail.html", context)
