from base64 import b32encode

import qrcode
import qrcode.image.svg
from axes.helpers import get_cool_off
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from desk.forms import DeviceConfirmationForm
from desk.second_factor import is_second_factor_required

DEVICE_NAME = "Authenticator app"


def grouped_key(device):
    key = b32encode(device.bin_key).decode()
    return " ".join(key[start : start + 4] for start in range(0, len(key), 4))


def qr_code_svg(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    # Made here from the device's own URL: nothing in it comes from the request.
    return mark_safe(image.to_string(encoding="unicode"))


def two_factor(request, *, site):
    """Sets up the authenticator app, or asks for its code when this session has not given one.

    The key shown stays the same until it is confirmed, so reloading the page never invalidates
    a key the app has already scanned.
    """
    user = request.user
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
        device = device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    elif user.is_verified():
        return TemplateResponse(
            request,
            "admin/two_factor.html",
            {**site.each_context(request), "title": "Two-factor sign-in", "device": device},
        )

    form = DeviceConfirmationForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(
            request,
            "Two-factor sign-in is on: from now on the desk asks for a code when you sign in."
            if enrolling
            else "Thank you, this session is verified.",
        )
        return redirect("admin:index")

    context = {
        **site.each_context(request),
        "title": "Set up two-factor sign-in" if enrolling else "Enter your authentication code",
        "form": form,
        "enrolling": enrolling,
        "required": is_second_factor_required(user),
    }
    if enrolling:
        context |= {"key": grouped_key(device), "qr_code": qr_code_svg(device.config_url)}
    return TemplateResponse(request, "admin/two_factor.html", context)


def lockout_response(request, original_response=None, credentials=None):
    """The page django-axes shows a locked-out login: what happened and when to try again."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed sign-ins",
        "cool_off": cool_off,
        "cool_off_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    # Rendered now: this replaces the login view's response inside axes' middleware.
    return render(request, "admin/lockout.html", context, status=429)
