"""Who must give the authenticator app's code before using the desk."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse


def is_editor(user):
    return (
        user.is_superuser or user.groups.filter(name__in=settings.NEWSROOM_EDITOR_GROUPS).exists()
    )


def is_second_factor_required(user):
    return settings.NEWSROOM_REQUIRE_2FA_FOR_EDITORS and is_editor(user)


def needs_second_factor(user):
    """Whether this signed-in user must pass the second factor before going further.

    Whoever has a device gives its code at the login form; this gate is for those required to
    have one, and costs no query for anyone else.
    """
    return not user.is_verified() and is_second_factor_required(user)


class SecondFactorMiddleware:
    """Outside the desk, someone who still owes the second factor is not signed in at all.

    The desk itself sends them to the setup page (DeskAdminSite); everywhere else, staff-only
    pages such as previews would otherwise trust the password alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(reverse("admin:index"))
            and needs_second_factor(user)
        ):
            request.user = AnonymousUser()
        return self.get_response(request)
