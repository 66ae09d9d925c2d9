"""JSON-LD for article pages: what Google's Article rich results and news aggregators read."""

from django.conf import settings

from articles.templatetags.news_time import machine_time
from media.renditions import SHARE_WIDTH, STRUCTURED_DATA_CROPS, get_rendition
from website.identity import absolute_url, site_identity


def organization(request):
    identity = site_identity(request)
    data = {
        "@type": "NewsMediaOrganization",
        "name": identity["name"],
        "url": identity["origin"] + "/",
        "logo": {"@type": "ImageObject", "url": identity["logo_url"]},
    }
    if identity["social_urls"]:
        data["sameAs"] = identity["social_urls"]
    return data


def byline_entry(request, author):
    return {
        # A desk is an organisation, not a person, and says so.
        "@type": "Organization" if author.is_desk else "Person",
        "name": author.name,
        "url": absolute_url(request, author.get_absolute_url()),
        **({"jobTitle": author.role} if author.role and not author.is_desk else {}),
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
        }
        if article.lead_caption:
            image_object["caption"] = article.lead_caption
        if article.lead_credit:
            image_object["creditText"] = article.lead_credit
        objects.append(image_object)
    return objects


def news_article(request, article):
    url = absolute_url(request, article.get_absolute_url())
    modified_at = article.last_changed_at
    data = {
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
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "wordCount": article.word_count,
        "inLanguage": settings.SITE_LANGUAGE,
        "isAccessibleForFree": True,
    }
    if images := lead_image_objects(request, article):
        data["image"] = images
    corrections = list(article.corrections.all())
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": f"{note.get_kind_display()}: {note.text}",
                "datePublished": machine_time(note.created_at),
            }
            for note in corrections
        ]
    return data
