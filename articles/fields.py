from django.db import models

from articles.sanitizer import sanitize_html


class SanitizedHTMLField(models.TextField):
    """Rich text that reaches the database only through the sanitiser.

    Cleaning where the value is prepared for the database covers every write path: save(),
    QuerySet.update(), bulk_create() and bulk_update() alike.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else sanitize_html(value)
