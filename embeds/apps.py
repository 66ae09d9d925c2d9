from django.apps import AppConfig


class EmbedsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "embeds"
    verbose_name = "Embeds"

    def ready(self):
        from embeds import checks  # noqa: F401 - the provider list is checked at start
