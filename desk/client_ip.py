"""The address a login attempt came from, as django-axes counts it."""

from django.conf import settings


def client_ip_address(request):
    """REMOTE_ADDR, or the address our own proxies saw when we sit behind a known number of them.

    X-Forwarded-For is written by whoever sends the request; only the entries our proxies appended
    (the right-most ones) can be believed, and only when we know there are proxies at all.
    """
    proxies = settings.NEWSROOM_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
