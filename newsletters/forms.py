from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsletters.addresses import clean_address
from newsletters.models import Newsletter


class NewsletterChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, newsletter):
        return newsletter.name


class SignUpForm(forms.Form):
    email = forms.CharField(
        label=_("Your email address"),
        error_messages={"required": _("Enter your email address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    newsletters = NewsletterChoices(
        queryset=Newsletter.objects.none(),
        error_messages={"required": _("Choose at least one newsletter.")},
    )
    page = forms.CharField(required=False, widget=forms.HiddenInput, max_length=300)

    def __init__(self, *args, newsletters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["newsletters"].queryset = newsletters

    def clean_email(self):
        try:
            return clean_address(self.cleaned_data["email"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class PreferencesForm(forms.Form):
    newsletters = NewsletterChoices(queryset=Newsletter.objects.none(), required=False)

    def __init__(self, *args, newsletters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["newsletters"].queryset = newsletters
