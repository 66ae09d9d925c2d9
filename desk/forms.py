from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django_otp import match_token, user_has_device


def code_field(**kwargs):
    return forms.CharField(
        label="Authentication code",
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 10}
        ),
        **kwargs,
    )


class DeskAuthenticationForm(AdminAuthenticationForm):
    """The desk login: password, then the authenticator app's code for those who set one up.

    A wrong code counts as a failed login, so guessing codes runs into the same lockout as
    guessing passwords.
    """

    otp_token = code_field(
        required=False,
        help_text="The six digits your authenticator app shows, if you set up two-factor sign-in.",
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_required": "Enter the six-digit code from your authenticator app.",
        "code_invalid": "That authentication code is not right, or it has expired.",
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            token = "".join(cleaned_data.get("otp_token", "").split())
            device = match_token(user, token) if token else None
            if device is None:
                self.user_cache = None
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": cleaned_data.get("username")},
                    request=self.request,
                )
                raise forms.ValidationError(
                    self.error_messages["code_invalid" if token else "code_required"],
                    code="code_invalid" if token else "code_required",
                )
            # django_otp marks the session verified with this device when the login completes.
            user.otp_device = device
        return cleaned_data


class DeviceConfirmationForm(forms.Form):
    otp_token = code_field()

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = "".join(self.cleaned_data["otp_token"].split())
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                "That code is not right, or it has expired. Enter the code your app shows now.",
                code="code_invalid",
            )
        return token
