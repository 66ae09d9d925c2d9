"""Two-factor sign-in in a real browser: set up from the desk, then asked for at the login form."""

import re
import time
from base64 import b32decode

import pytest
import time_machine
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tools.testing import PASSWORD

pytestmark = pytest.mark.browser


def code_for(key, steps_ahead=0):
    totp = TOTP(key)
    totp.time += steps_ahead * totp.step
    return f"{totp.token():06d}"


def sign_in(page, code=None):
    page.goto(reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    if code is not None:
        page.fill("#id_otp_token", code)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def test_an_editor_sets_up_the_app_and_signs_in_with_its_code(
    browser,  # noqa: F811
    live_server,
    transactional_db,
    settings,
):
    settings.NEWSROOM_REQUIRE_2FA_FOR_EDITORS = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    # The clock stands still halfway through a 30-second step, for the browser's server too. On
    # the real clock a step that ended between making a code and checking it made the check
    # count the device as running a step behind, and the next step's code was then refused.
    halfway_through_a_step = (time.time() // 30) * 30 + 15
    with time_machine.travel(halfway_through_a_step, tick=False):
        sign_up_and_sign_in_with_codes(browser, live_server)


def sign_up_and_sign_in_with_codes(browser, live_server):
    # A superuser counts as an editor; the groups' migration rows are gone after a flush.
    editor = User.objects.create_superuser("editor", "editor@example.com", PASSWORD)
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()

    sign_in(page)
    assert page.url.endswith(reverse("admin:two_factor"))
    page.goto(reverse("admin:articles_article_changelist"))
    assert page.url.endswith(reverse("admin:two_factor"))
    key = b32decode(re.sub(r"\s", "", page.locator(".desk-otp-key").inner_text()))
    page.fill("#id_otp_token", code_for(key))
    page.click("input[type=submit]")
    page.wait_for_url(f"**{reverse('admin:index')}")
    assert "Two-factor sign-in is on" in page.content()
    assert TOTPDevice.objects.get(user=editor).confirmed is True

    page.click("#logout-form button")
    page.wait_for_load_state()
    sign_in(page)
    assert "Enter the six-digit code from your authenticator app." in page.content()
    # A code is good once; the next time step's is within the allowed drift.
    sign_in(page, code=code_for(key, steps_ahead=1))
    page.wait_for_url(f"**{reverse('admin:index')}")
    page.goto(reverse("admin:articles_article_changelist"))
    assert page.url.endswith(reverse("admin:articles_article_changelist"))
    context.close()
