"""Who must give the authenticator app's code before using the desk."""

from django.conf import settings
from django_otp import user_has_device


def is_editor(user):
    return (
        user.is_superuser or user.groups.filter(name__in=settings.NEWSROOM_EDITOR_GROUPS).exists()
    )


def is_second_factor_required(user):
    return settings.NEWSROOM_REQUIRE_2FA_FOR_EDITORS and is_editor(user)


def needs_second_factor(user):
    """Whether this signed-in user must pass the second factor before going further.

    Anyone with a confirmed device gives its code, whether required to or not: a session
    signed in before the device was added is no exception.
    """
    if user.is_verified():
        return False
    return user_has_device(user) or is_second_factor_required(user)
