from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from delivery.keys import add_keys, declared_keys
from frontpage.banners import current_banner
from frontpage.invalidation import BANNER


def breaking_banner(request):
    """``breaking_banner`` for every public page; the desk never shows it.

    Read only when a template shows it. A page the cache may keep (its view declared keys before
    rendering) also declares ``banner``, so posting or ending a banner drops every such page.
    """
    if request.path.startswith(reverse("admin:index")):
        return {"breaking_banner": None}
    if declared_keys(request) is not None:
        add_keys(request, BANNER)
    return {"breaking_banner": SimpleLazyObject(current_banner)}
