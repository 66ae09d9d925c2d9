"""The desk's side of editions: rows holding a name or text in each edition but the default.

A section's or tag's name and an author's role and bio are stored for the default edition on the
row itself; ``SectionName``, ``TagName`` and ``AuthorText`` hold them for the others. Their
inlines offer exactly those editions, once each (the models' constraints say once; the formset
checks it before the database has to). With a single edition there is nothing to add and the
inlines are not shown (``edition_inlines``).
"""

from django import forms
from django.contrib import admin

from articles.translating import edition_name
from website.editions import default_language, edition_languages, is_multilingual


def other_editions():
    return [code for code in edition_languages() if code != default_language()]


def edition_inlines(*inlines):
    """``inlines`` where there is more than one edition, none where there is one."""
    return list(inlines) if is_multilingual() else []


class EditionTextInline(admin.StackedInline):
    """One row per edition other than the default, each edition at most once."""

    extra = 0
    min_num = 0

    def get_queryset(self, request):
        # A row of an edition no longer configured waits, unseen, for the edition's return.
        return super().get_queryset(request).filter(language__in=other_editions())

    def get_extra(self, request, obj=None, **kwargs):
        # A blank form for each edition still without its row, so none needs "Add another".
        stored = 0 if obj is None else self.get_queryset(request).filter(**{self.parent: obj})
        return max(0, len(other_editions()) - (stored if obj is None else stored.count()))

    def get_max_num(self, request, obj=None, **kwargs):
        return len(other_editions())

    @property
    def parent(self):
        """The name of the row's link to the section, tag or author it names."""
        return next(
            field.name
            for field in self.model._meta.fields
            if field.is_relation and field.related_model is self.parent_model
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            return forms.ChoiceField(
                label="Edition",
                choices=[("", "---------"), *((c, edition_name(c)) for c in other_editions())],
                required=True,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)
