"""Prefilled admin forms (``/add/?section=3``) take only values their fields could store."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

RELATIONS = (models.ForeignKey, models.ManyToManyField)


def can_store(field, value):
    """Whether the model field (for a relation, its target's key) accepts this value as is.

    Validators include the database's integer range, so a key too large for the backend is
    refused here instead of overflowing inside the widget's lookup of the chosen object.
    """
    if isinstance(field, RELATIONS):
        field = field.target_field
    values = value if isinstance(value, list) else [value]
    try:
        for item in values:
            field.clean(item, None)
    except (ValidationError, TypeError, ValueError):
        return False
    return True


class CheckedInitialDataMixin:
    """Drops query-string values that do not fit the field they prefill, instead of failing."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        checked = {}
        for name, value in initial.items():
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                checked[name] = value
                continue
            if field.is_relation and not isinstance(field, RELATIONS):
                # Reverse relations prefill nothing; taggit's manager takes free text.
                if field.concrete or field.many_to_many:
                    checked[name] = value
            elif can_store(field, value):
                checked[name] = value
        return checked
