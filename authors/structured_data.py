"""JSON-LD for author pages: a ProfilePage about a Person (or a desk's Organization).

Empty properties (no bio, no profiles elsewhere) are left out by the ``json_ld`` filter.
"""

from media.renditions import get_rendition
from website.identity import absolute_url as absolute
from website.structured_data import breadcrumb_list


def profile_page(request, author):
    url = absolute(request, author.get_absolute_url())
    subject = {
        "@type": "Organization" if author.is_desk else "Person",
        "@id": f"{url}#author",
        "name": author.name,
        "url": url,
        "jobTitle": "" if author.is_desk else author.role,
        "description": author.bio,
        "sameAs": [author.x_url, author.linkedin_url, author.website_url],
    }
    if author.photo and author.photo.file:
        subject["image"] = absolute(request, get_rendition(author.photo, "1x1-w400").file.url)
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": subject,
    }


def author_breadcrumbs(request, author):
    return breadcrumb_list(request, [(author.name, author.get_absolute_url())])
