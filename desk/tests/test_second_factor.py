"""The optional TOTP second factor: enrolment, the code at login, and editors required to use it."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tools.testing import PASSWORD

LOGIN = reverse("admin:login")
TWO_FACTOR = reverse("admin:two_factor")
DESK = reverse("admin:index")


def current_code(key, offset=0):
    totp = TOTP(key, step=30, digits=6)
    totp.time = totp.time + offset * 30
    return f"{totp.token():06d}"


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def sign_in(client, username, password=PASSWORD, code=""):
    return client.post(
        LOGIN, {"username": username, "password": password, "otp_token": code, "next": DESK}
    )


def is_signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_enrolment_shows_a_key_and_turns_on_with_a_real_code(client, settings, journalist):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no back-off after the wrong code below
    client.force_login(journalist)
    page = client.get(TWO_FACTOR)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Set up two-factor sign-in" in content
    assert "<svg" in content  # the QR code
    key = re.search(r'<code class="desk-otp-key">([A-Z2-7 ]+)</code>', content).group(1)
    assert client.get(TWO_FACTOR).content.decode().count(key) == 1  # a reload keeps the key

    refused = client.post(TWO_FACTOR, {"otp_token": "000000"})
    assert "That code is not right" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=journalist, confirmed=True).exists() is False

    response = client.post(TWO_FACTOR, {"otp_token": current_code(b32decode(key.replace(" ", "")))})
    assert response.status_code == 302
    assert response["Location"] == DESK
    device = TOTPDevice.objects.get(user=journalist)
    assert device.confirmed is True
    assert client.get(DESK).status_code == 200
    assert "Two-factor sign-in is on" in client.get(TWO_FACTOR).content.decode()


@pytest.mark.django_db
def test_once_enrolled_login_asks_for_the_code(client, settings, journalist):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = confirmed_device(journalist)

    response = sign_in(client, "journalist")
    assert response.status_code == 200
    assert "Enter the six-digit code from your authenticator app." in response.content.decode()
    assert is_signed_in(client) is False

    wrong_code = f"{(int(current_code(device.bin_key)) + 1) % 10**6:06d}"
    response = sign_in(client, "journalist", code=wrong_code)
    assert "That authentication code is not right" in response.content.decode()
    assert is_signed_in(client) is False

    response = sign_in(client, "journalist", code=current_code(device.bin_key))
    assert response.status_code == 302
    assert is_signed_in(client) is True
    assert client.get(DESK).status_code == 200


@pytest.mark.django_db
def test_without_a_device_the_password_is_enough(client, journalist):
    response = sign_in(client, "journalist")
    assert response.status_code == 302
    assert client.get(DESK).status_code == 200


@pytest.mark.django_db
def test_wrong_codes_count_towards_the_lockout(client, settings, journalist):
    confirmed_device(journalist)
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the device's own back-off would answer first
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "journalist", code="999999")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


@pytest.mark.django_db
def test_a_required_editor_with_a_device_gives_its_code_in_an_unverified_session(
    client, settings, editor
):
    settings.NEWSROOM_REQUIRE_2FA_FOR_EDITORS = True
    device = confirmed_device(editor)
    client.force_login(editor)  # signed in without the form, so without a code
    response = client.get(DESK)
    assert response.status_code == 302
    assert response["Location"] == TWO_FACTOR
    page = client.get(TWO_FACTOR)
    assert "Enter your authentication code" in page.content.decode()
    assert "desk-otp-key" not in page.content.decode()  # the key is never shown again
    client.post(TWO_FACTOR, {"otp_token": current_code(device.bin_key)})
    assert client.get(DESK).status_code == 200


@pytest.mark.django_db
def test_editors_reach_only_enrolment_until_they_have_a_device(client, settings, editor):
    settings.NEWSROOM_REQUIRE_2FA_FOR_EDITORS = True
    assert sign_in(client, "editor").status_code == 302
    for page in [
        DESK,
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
    ]:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == TWO_FACTOR
    enrolment = client.get(TWO_FACTOR)
    assert "Editors use two-factor sign-in" in enrolment.content.decode()

    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    client.post(TWO_FACTOR, {"otp_token": current_code(device.bin_key)})
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


@pytest.mark.django_db
def test_the_requirement_leaves_journalists_free(client, settings, journalist):
    settings.NEWSROOM_REQUIRE_2FA_FOR_EDITORS = True
    sign_in(client, "journalist")
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


@pytest.mark.django_db
def test_an_editor_without_a_device_can_still_sign_out(client, settings, editor):
    settings.NEWSROOM_REQUIRE_2FA_FOR_EDITORS = True
    client.force_login(editor)
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 200
    assert is_signed_in(client) is False


@pytest.mark.django_db
def test_an_editor_who_owes_the_second_factor_sees_no_preview(client, settings, editor):
    from articles.tests.factories import draft

    settings.NEWSROOM_REQUIRE_2FA_FOR_EDITORS = True
    story = draft(headline="Not yet for readers")
    client.force_login(editor)
    preview = reverse("articles:staff_preview", args=[story.pk])
    response = client.get(preview)
    assert response.status_code == 404
    assert "Not yet for readers" not in response.content.decode()

    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.post(TWO_FACTOR, {"otp_token": current_code(device.bin_key)})
    response = client.get(preview)
    assert response.status_code == 200
    assert "Not yet for readers" in response.content.decode()
