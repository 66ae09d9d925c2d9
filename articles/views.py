from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation

from articles.cache_keys import article_page_keys, list_keys
from articles.editions import (
    article_versions,
    fixed_page_versions,
    show_article_in_edition,
    story_translations,
    with_edition_names,
    with_section_names,
)
from articles.models import Article, ArticleSlug, Correction
from articles.page_hooks import extend_article_page
from articles.related import read_more
from articles.search import (
    SEARCH_CANDIDATES,
    SearchPaginator,
    SearchResults,
    SearchTerms,
    attach_teasers,
)
from articles.structured_data import article_breadcrumbs, news_article
from delivery.keys import ARCHIVE, CORRECTIONS, NAVIGATION, add_keys, key
from embeds.rendering import allow_providers, render_embeds
from website.editions import current_edition


def article_detail(request, slug):
    # Found in any edition: a slug is the story's wherever it is asked for.
    stories = with_edition_names(Article.objects.published().for_article_page())
    article = stories.filter(slug=slug).first()
    if article is None:
        return answer_missing_article(request, slug)
    if article.language != current_edition():
        # Under another edition's prefix: the story lives at its own edition's address.
        add_keys(request, key("article", article.pk))
        return redirect(article.get_absolute_url(), permanent=True)
    context = article_page_context(request, article)
    add_keys(request, *article_page_keys(article, context["read_more"]), *context["body"].keys)
    return render_article_page(request, context)


def render_article_page(request, context):
    """The article page, allowed to load the frames and scripts of the embeds it shows."""
    response = render(request, "articles/article_detail.html", context)
    return allow_providers(response, context["body"])


def article_page_context(request, article, *, is_preview=False):
    """What the article page shows; previews use the same page, minus structured data."""
    show_article_in_edition(article)
    # A preview names no other version: it is not a page readers can reach.
    translations = [] if is_preview else story_translations(article)
    body = render_embeds(article.clean_body())
    context = {
        "article": article,
        "edition_versions": {} if is_preview else article_versions(article, translations),
        "body": body,
        "body_parts": article.split_body(body.html),
        "read_more": read_more(article),
        "structured_data": None
        if is_preview
        else news_article(request, article, embeds=body.shown, translations=translations),
        "breadcrumbs": None if is_preview else article_breadcrumbs(request, article),
        "current_section_slug": article.section.slug,
        "is_preview": is_preview,
        "robots": "noindex, nofollow" if is_preview else "",
    }
    return extend_article_page(request, article, context)


def answer_missing_article(request, slug):
    """301 from an old slug to the current address, 410 for a withdrawn story, else 404."""
    old_slug = (
        ArticleSlug.objects.filter(slug=slug, article__in=Article.objects.published())
        .select_related("article")
        .first()
    )
    if old_slug is not None:
        add_keys(request, key("article", old_slug.article_id))
        return redirect(old_slug.article, permanent=True)
    withdrawn = Article.objects.withdrawn().filter(slug=slug)
    found = withdrawn.values_list("pk", "language").first()
    if found is not None:
        withdrawn_pk, language = found
        add_keys(request, key("article", withdrawn_pk), NAVIGATION)
        # Said in the story's own edition, whichever prefix it was asked under.
        with translation.override(language):
            return render(request, "410.html", status=410)
    raise Http404("No published article at this address.")


SEARCH_PAGE_SIZE = 20
SEARCH_MAX_PAGES = SEARCH_CANDIDATES // SEARCH_PAGE_SIZE


def search(request):
    """Ranked results for ?q=, numbered ?page=N; a bad or too-high page number shows a real page."""
    terms = SearchTerms.from_input(request.GET.get("q", ""))
    context = {"query": terms.text, "query_was_shortened": terms.was_shortened}
    if terms:
        paginator = SearchPaginator(
            SearchResults(
                terms,
                listing=lambda articles: with_section_names(articles.for_search_results()),
            ),
            SEARCH_PAGE_SIZE,
            max_pages=SEARCH_MAX_PAGES,
        )
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = attach_teasers(list(page.object_list), terms)
        page_range = paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        context.update(page=page, paginator=paginator, page_range=page_range)
        # Only exclusions, common words or punctuation: nothing to find, whatever the archive.
        context["has_nothing_to_find"] = not terms.alternatives
        add_keys(request, *list_keys(page.object_list, ARCHIVE))
    else:
        add_keys(request, NAVIGATION)
    # The switcher asks the other edition the same question; results are not indexed.
    query = f"?{request.GET.urlencode()}" if terms else ""
    context["edition_versions"] = {
        code: address + query for code, address in fixed_page_versions("articles:search").items()
    }
    context["versions_are_indexed"] = False
    return render(request, "articles/search_results.html", context)


CORRECTIONS_PAGE_SIZE = 50


def corrections(request):
    """Every correction and update on a story readers can see in the page's edition, newest
    first."""
    notes = (
        Correction.objects.public()
        .filter(article__language=current_edition())
        .select_related("article__section")
        .order_by("-created_at", "-id")
    )
    page = Paginator(notes, CORRECTIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    add_keys(request, CORRECTIONS, NAVIGATION, *(key("article", n.article_id) for n in page))
    context = {"page": page, "edition_versions": fixed_page_versions("articles:corrections")}
    return render(request, "articles/corrections.html", context)
