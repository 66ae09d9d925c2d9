"""The desk's readers' screens: subscribers looked up with their newsletters and consent,
and the suppression list (hashes: an address is typed to add one, never shown)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from newsletters.addresses import address_hash, clean_address
from newsletters.models import SignUp, Subscriber, Subscription, Suppression


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fields = ["newsletter", "status", "subscribed_at", "subscribed_via", "unsubscribed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class SignUpInline(admin.TabularInline):
    model = SignUp
    fields = ["created_at", "newsletter_names", "consent_text", "page", "confirmed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "sign-ups (the consent on record)"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Readers are looked up, not edited: they change their newsletters themselves, and export
    and erasure are commands (docs/newsletters.md, "Readers' data")."""

    list_display = ["address", "created_at", "confirmed_at"]
    search_fields = ["address_key"]
    fields = ["address", "created_at", "confirmed_at", "suppressed"]
    readonly_fields = fields
    inlines = [SubscriptionInline, SignUpInline]

    @admin.display(description="suppressed")
    def suppressed(self, subscriber):
        suppression = Suppression.objects.filter(address_hash=subscriber.address_hash).first()
        return str(suppression) if suppression else "no"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SuppressionForm(forms.ModelForm):
    address = forms.CharField(
        help_text="Nothing will be sent to it until its owner signs up again."
    )

    class Meta:
        model = Suppression
        fields = ["detail"]

    def clean_address(self):
        address = clean_address(self.cleaned_data["address"])
        if Suppression.objects.filter(address_hash=address_hash(address)).exists():
            raise ValidationError("This address is suppressed already.")
        return address

    def save(self, commit=True):
        self.instance.address_hash = address_hash(self.cleaned_data["address"])
        self.instance.reason = Suppression.Reason.DESK
        return super().save(commit)


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    form = SuppressionForm
    list_display = ["reason", "detail", "created_at"]
    list_filter = ["reason"]

    def has_change_permission(self, request, obj=None):
        return False
