"""JSON-LD for article pages: what Google's Article rich results and news aggregators read.

Empty properties (an article without a dek has no description) are left out on the way to the
page, by the ``json_ld`` filter.
"""

from django.conf import settings

from articles.times import machine_time
from articles.translations import published_translations, section_name, tag_name
from embeds.structured_data import video_objects
from media.renditions import SHARE_WIDTH, STRUCTURED_DATA_CROPS, get_rendition
from website.editions import is_multilingual
from website.identity import absolute_url
from website.structured_data import breadcrumb_list, organization


def byline_entry(request, author):
    return {
        # A desk is an organisation, not a person, and says so.
        "@type": "Organization" if author.is_desk else "Person",
        "name": author.name,
        "url": absolute_url(request, author.get_absolute_url()),
        "jobTitle": "" if author.is_desk else author.role,
    }


def lead_image_objects(request, article):
    """The lead image in the three shapes Google asks for, each as wide as the original allows."""
    image = article.lead_image
    if image is None or not image.file:
        return []
    objects = []
    for crop in STRUCTURED_DATA_CROPS:
        rendition = get_rendition(image, f"{crop}-w{SHARE_WIDTH}", "jpeg")
        url = absolute_url(request, rendition.file.url)
        image_object = {
            "@type": "ImageObject",
            "url": url,
            "contentUrl": url,
            "width": rendition.width,
            "height": rendition.height,
            "caption": article.lead_caption,
            "creditText": article.lead_credit,
        }
        objects.append(image_object)
    return objects


def news_article(request, article, *, embeds=(), translations=None):
    """The story as a NewsArticle; ``embeds`` are those its page shows (videos are named),
    ``translations`` its published translations (looked up when not given)."""
    url = absolute_url(request, article.get_absolute_url())
    modified_at = article.last_changed_at
    if translations is None:
        translations = published_translations(article) if is_multilingual() else []
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.dek,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": machine_time(article.published_at),
        "dateModified": machine_time(modified_at),
        "author": [byline_entry(request, author) for author in article.byline],
        "publisher": organization(request),
        # In the story's own language, from the names its page fetched along.
        "articleSection": section_name(article.section, article.language),
        "keywords": [tag_name(tag, article.language) for tag in article.tags.all()],
        "wordCount": article.word_count,
        "inLanguage": article.language,
        "isAccessibleForFree": True,
        "image": lead_image_objects(request, article),
        "video": video_objects(request, embeds),
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": f"{note.get_kind_display()}: {note.text}",
                "datePublished": machine_time(note.created_at),
            }
            for note in article.corrections.all()
        ],
        **translation_links(request, article, translations),
    }


def original_of(versions):
    """Which of a story's versions is the original: the default edition's, else the oldest."""
    for version in versions:
        if version.language == settings.LANGUAGE_CODE:
            return version
    return min(versions, key=lambda version: version.pk)


def translation_links(request, article, translations):
    """``workTranslation`` on the original, ``translationOfWork`` on a translation: each only
    ever naming published versions (``translations`` are the story's published ones)."""
    if not translations:
        return {}
    original = original_of([article, *translations])

    def work(version):
        url = absolute_url(request, version.get_absolute_url())
        return {"@type": "NewsArticle", "@id": url, "url": url, "inLanguage": version.language}

    if original.pk == article.pk:
        return {"workTranslation": [work(version) for version in translations]}
    return {"translationOfWork": work(original)}


def article_breadcrumbs(request, article):
    """Home › the story's section › the story, as the page's breadcrumb shows it."""
    section = article.section
    trail = [(section.name, section.get_absolute_url())]
    return breadcrumb_list(request, [*trail, (article.headline, article.get_absolute_url())])
