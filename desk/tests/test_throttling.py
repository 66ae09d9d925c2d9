"""Desk logins lock after repeated failures, for the account and for the address."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from tools.testing import PASSWORD

LOGIN = reverse("admin:login")


def sign_in(client, username, password, **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers
    )


def is_signed_in(client):
    return "_auth_user_id" in client.session


def fail_until_locked(client, settings, username="editor", **headers):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, username, "wrong", **headers)
    return response


@pytest.mark.django_db
def test_failed_logins_lock_the_account_and_refuse_the_right_password(client, settings, editor):
    row_before = User.objects.values().get(pk=editor.pk)
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "editor", "wrong")
        assert response.status_code == 200, attempt
        assert "Please enter the correct username and password" in response.content.decode()

    response = sign_in(client, "editor", "wrong")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "Try again in 15 minutes" in response.content.decode()

    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert is_signed_in(client) is False
    assert User.objects.values().get(pk=editor.pk) == row_before


@pytest.mark.django_db
def test_a_locked_account_is_locked_from_another_address_too(client, settings, editor):
    fail_until_locked(client, settings, REMOTE_ADDR="203.0.113.5")
    response = sign_in(client, "editor", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert is_signed_in(client) is False


@pytest.mark.django_db
def test_a_locked_address_cannot_sign_in_as_anyone_else(client, settings, editor, journalist):
    for name in ["a", "b", "c", "d", "e", "f"][: settings.AXES_FAILURE_LIMIT]:
        sign_in(client, name, "wrong", REMOTE_ADDR="203.0.113.5")
    response = sign_in(client, "journalist", PASSWORD, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    assert is_signed_in(client) is False


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off(client, settings, editor, time_machine):
    time_machine.move_to("2026-12-01 10:00Z", tick=False)
    fail_until_locked(client, settings)
    time_machine.move_to("2026-12-01 10:16Z", tick=False)
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client) is True


@pytest.mark.django_db
def test_axes_reset_username_lifts_the_lock(client, settings, editor):
    fail_until_locked(client, settings)
    call_command("axes_reset_username", "editor")
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert is_signed_in(client) is True
    assert AccessAttempt.objects.exists() is False  # a success forgets the failures


@pytest.mark.django_db
def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(client, settings, editor):
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"nobody{number}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}
    assert sign_in(client, "editor", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, settings, editor):
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        # The client can prepend anything; only what our proxy appended is believed.
        sign_in(
            client,
            f"nobody{number}",
            "wrong",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{number}, 203.0.113.5",
            REMOTE_ADDR="10.0.0.2",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    response = sign_in(
        client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 302
    assert is_signed_in(client) is True


@pytest.mark.django_db
def test_authentication_without_a_request_still_works(editor):
    from django.contrib.auth import authenticate

    assert authenticate(username="editor", password=PASSWORD) == editor
    assert authenticate(username="editor", password="wrong") is None
