"""Sign-ups per client address and hour, counted in the shared cache (Redis in production).

The address is the one ``desk.client_ip`` believes (REMOTE_ADDR, or what our own proxies saw
when NEWSROOM_TRUSTED_PROXY_COUNT says there are some); a client cannot pick its own. Emails to
one address are limited separately, in the database (``subscriptions.sign_up``).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

from desk.client_ip import client_ip_address

logger = logging.getLogger(__name__)
WINDOW_SECONDS = 3600


def allow_sign_up(request):
    client = client_ip_address(request) or "unknown"
    window = int(time.time() // WINDOW_SECONDS)
    digest = hashlib.sha256(client.encode("utf-8", "replace")).hexdigest()[:32]
    name = f"newsletters:sign-ups:{window}:{digest}"
    try:
        cache.add(name, 0, timeout=WINDOW_SECONDS)
        count = cache.incr(name)
    except ValueError:
        cache.set(name, 1, timeout=WINDOW_SECONDS)
        count = 1
    except Exception as error:  # A cache that is down must not stop readers signing up.
        logger.warning("Sign-up throttle unavailable: %s", error)
        return True
    return count <= settings.NEWSROOM_NEWSLETTER_SIGNUPS_PER_CLIENT


def seconds_left():
    return WINDOW_SECONDS - int(time.time() % WINDOW_SECONDS)
