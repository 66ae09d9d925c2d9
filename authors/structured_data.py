"""JSON-LD for author pages: a ProfilePage about a Person (or a desk's Organization)."""

from media.renditions import get_rendition
from website.identity import absolute_url as absolute


def profile_page(request, author):
    url = absolute(request, author.get_absolute_url())
    subject = {
        "@type": "Organization" if author.is_desk else "Person",
        "@id": f"{url}#author",
        "name": author.name,
        "url": url,
    }
    if author.role and not author.is_desk:
        subject["jobTitle"] = author.role
    if author.bio:
        subject["description"] = author.bio
    if author.photo and author.photo.file:
        subject["image"] = absolute(request, get_rendition(author.photo, "1x1-w400").file.url)
    same_as = [link for link in (author.x_url, author.linkedin_url, author.website_url) if link]
    if same_as:
        subject["sameAs"] = same_as
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": subject,
    }
