"""The desk's admin site: the second-factor gate and the checks every admin page shares."""

from functools import update_wrapper

from django.contrib import admin
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.urls import path

from desk.dates import DeskDateFieldsMixin
from desk.forms import DeskAuthenticationForm
from desk.initial_data import CheckedInitialDataMixin
from desk.second_factor import needs_second_factor

# Pages a signed-in desk user reaches before the second factor: setting it up, and leaving.
BEFORE_SECOND_FACTOR = {"two_factor", "logout", "jsi18n"}


def has_null_character(query):
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in query.lists()
    )


class DeskAdminSite(admin.AdminSite):
    login_form = DeskAuthenticationForm

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every ModelAdmin, ours and contrib's, gets the same guard on prefilled form values
        # and the same date fields.
        admin_class = admin_class or admin.ModelAdmin
        mixins = tuple(
            mixin
            for mixin in (CheckedInitialDataMixin, DeskDateFieldsMixin)
            if not issubclass(admin_class, mixin)
        )
        if mixins:
            admin_class = type(
                admin_class.__name__,
                (*mixins, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def admin_view(self, view, cacheable=False):
        def checked_view(request, *args, **kwargs):
            # PostgreSQL refuses NUL in text, so a NUL in a search term or filter would reach
            # the database as a crash; no person types one.
            if has_null_character(request.GET):
                raise BadRequest("The address holds a NUL character.")
            url_name = request.resolver_match.url_name if request.resolver_match else None
            if url_name not in BEFORE_SECOND_FACTOR and needs_second_factor(request.user):
                return redirect("admin:two_factor")
            return view(request, *args, **kwargs)

        return super().admin_view(update_wrapper(checked_view, view), cacheable)

    def two_factor_view(self, request):
        from desk.views import two_factor

        return two_factor(request, site=self)

    def get_urls(self):
        return [
            path("two-factor/", self.admin_view(self.two_factor_view), name="two_factor"),
            *super().get_urls(),
        ]
