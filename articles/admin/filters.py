"""The article list's filters: whose stories, and where they stand with readers."""

from django.contrib import admin

from articles import publishing


class MineFilter(admin.SimpleListFilter):
    """Journalists land on their own articles; editors on everyone's."""

    title = "whose"
    parameter_name = "whose"

    def __init__(self, request, params, model, model_admin):
        self.default = "all" if publishing.can_publish(request.user) else "mine"
        self.user = request.user
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [("mine", "My articles"), ("all", "Everyone’s")]

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.owned_by(request.user)
        return queryset


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("live", "Live"),
            ("scheduled", "Scheduled"),
            ("embargoed", "Under embargo"),
            ("withdrawn", "Withdrawn"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "embargoed":
            return queryset.embargoed()
        if self.value() == "withdrawn":
            return queryset.withdrawn()
        return queryset
