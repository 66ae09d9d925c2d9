"""Who must give the authenticator app's code before using the desk."""

from django.conf import settings


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
