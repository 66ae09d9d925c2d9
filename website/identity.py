"""The site's identity (name, origin, logo, share image), set once from the environment."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.templatetags.static import static


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
        "language": settings.SITE_LANGUAGE,
        "origin": site_origin(request),
        "logo_url": absolute_url(request, asset_url(settings.SITE_LOGO)),
        "share_image_url": absolute_url(request, asset_url(settings.SITE_DEFAULT_SHARE_IMAGE)),
        "x_handle": settings.SITE_X_HANDLE,
        "social_urls": settings.SITE_SOCIAL_URLS,
    }
