from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom (``manage.py load_demo``): above every app it fills, imported by none."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Demo newsroom"
