"""JSON-LD every kind of page shares: who publishes the site, the site itself, breadcrumbs.

Pages hand their JSON-LD to the ``json_ld`` template filter, which writes it through
``without_empty``: a property with nothing to say is left out, never sent as ``""`` or ``[]``
(search engines read an empty value as a wrong one), whichever page built it.
"""

from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.translation import gettext
from PIL import Image

from website.addresses import fixed_address
from website.identity import absolute_url, asset_url, site_identity

SEARCH_TERM = "search_term_string"


def is_empty(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, (list, dict)) and not value


def without_empty(value):
    """``value`` with every empty string, list, object and None left out, at any depth.

    An object left with nothing but its ``@type`` (an image without a URL) goes too. Numbers
    and booleans stay, zero and false included: they are values.
    """
    if isinstance(value, dict):
        kept = {name: without_empty(item) for name, item in value.items()}
        kept = {name: item for name, item in kept.items() if not is_empty(item)}
        if all(name in ("@type", "@context") for name in kept):
            return {}
        return kept
    if isinstance(value, (list, tuple)):
        return [item for item in map(without_empty, value) if not is_empty(item)]
    return value


@cache
def static_image_size(path):
    """Width and height of a picture under static/, read once; none for a file not found."""
    found = finders.find(path)
    if not found:
        return {}
    with Image.open(found) as image:
        return {"width": image.width, "height": image.height}


def logo(request):
    """The logo, with its size when it is one of our static files (a full URL's is unknown)."""
    is_static_file = asset_url(settings.SITE_LOGO) != settings.SITE_LOGO
    size = static_image_size(settings.SITE_LOGO) if is_static_file else {}
    return {"@type": "ImageObject", "url": site_identity(request)["logo_url"], **size}


def home(request):
    return absolute_url(request, fixed_address("frontpage:front"))


def organization_id(request):
    return f"{home(request)}#publisher"


def organization(request):
    """The newsroom as publisher: its name, address, logo and profiles elsewhere."""
    identity = site_identity(request)
    return {
        "@type": "NewsMediaOrganization",
        "@id": organization_id(request),
        "name": identity["name"],
        "url": home(request),
        "logo": logo(request),
        "sameAs": identity["social_urls"],
    }


def web_site(request):
    """The site, and how to search it (the search box a result page may show)."""
    identity = site_identity(request)
    search = absolute_url(request, fixed_address("articles:search"))
    return {
        "@type": "WebSite",
        "@id": f"{home(request)}#website",
        "url": home(request),
        "name": identity["name"],
        "description": identity["description"],
        "inLanguage": identity["language"],
        "publisher": {"@id": organization_id(request)},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{{SEARCH_TERM}}}"},
            "query-input": f"required name={SEARCH_TERM}",
        },
    }


def site_structured_data(request):
    """The front page's JSON-LD: the publisher and the site, linked by the publisher's @id."""
    return {"@context": "https://schema.org", "@graph": [organization(request), web_site(request)]}


def breadcrumb_list(request, trail):
    """Home, then ``trail``: the (name, address) of each step down to the page itself."""
    # Search results show these names to readers: the visible breadcrumb's words.
    steps = [(gettext("Home"), fixed_address("frontpage:front")), *trail]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(request, address),
            }
            for position, (name, address) in enumerate(steps, start=1)
        ],
    }
