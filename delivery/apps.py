from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    """How pages reach readers: the shared page cache, its keys and the edge caches it purges."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "delivery"
