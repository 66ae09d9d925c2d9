"""The site's identity (name, origin, logo, share image), set once from the environment."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.templatetags.static import static

from website.editions import current_edition


def site_origin(request):
    """Scheme and host for absolute links: NEWSROOM_SITE_URL, or the request's own.

    A request for a host we do not serve only ever reaches the bad-request page; its links stay
    on the configured origin, or relative, never on the host the request named.
    """
    if settings.SITE_URL:
        return settings.SITE_URL
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""


def id_authority():
    """The domain that names our entries in feeds (``tag:`` URIs, RFC 4151), from the settings.

    Never the request's host: a reader who reached the feed as ``localhost`` one day and as
    ``127.0.0.1`` the next would get new ids for the same stories and see each of them twice.
    NEWSROOM_SITE_URL's host when it is set; otherwise the first host DJANGO_ALLOWED_HOSTS
    names, which in production is the site's own, so its ids stay those its requests gave.
    """
    if settings.SITE_URL:
        return urlsplit(settings.SITE_URL).hostname
    for host in settings.ALLOWED_HOSTS:
        # ".example.org" allows the domain and its subdomains: the domain is ours.
        if host.lstrip(".") and host != "*":
            return host.lstrip(".")
    return "localhost"


def tag_uri(day, specific):
    """A permanent id: ``tag:<our domain>,<day the thing was made>:<what it is>``."""
    return f"tag:{id_authority()},{day:%Y-%m-%d}:{specific}"


def absolute_url(request, url):
    if url.startswith(("http://", "https://")):
        return url
    return site_origin(request) + url


def asset_url(path_or_url):
    """A setting that names either a file under static/ or a full URL."""
    if path_or_url.startswith(("http://", "https://", "/")):
        return path_or_url
    return static(path_or_url)


def site_identity(request):
    return {
        "name": settings.SITE_NAME,
        "description": settings.SITE_DESCRIPTION,
        # The page's edition: <html lang>, the site's JSON-LD.
        "language": current_edition(),
        "origin": site_origin(request),
        "logo_url": absolute_url(request, asset_url(settings.SITE_LOGO)),
        "share_image_url": absolute_url(request, asset_url(settings.SITE_DEFAULT_SHARE_IMAGE)),
        "x_handle": settings.SITE_X_HANDLE,
        "social_urls": settings.SITE_SOCIAL_URLS,
    }
