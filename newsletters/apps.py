from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        # The sign-up form on article pages, the archive's cache keys, breaking alerts that
        # follow their story, the providers' webhooks, and the checks.
        from newsletters import alerts, checks, invalidation, page, webhooks  # noqa: F401
