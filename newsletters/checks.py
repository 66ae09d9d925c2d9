"""`manage.py check --deploy` says when newsletters could not be sent from this configuration."""

from django.core import checks

from newsletters.mail import mail_unavailable_reason


@checks.register("newsletters", deploy=True)
def mail_is_configured(app_configs, **kwargs):
    reason = mail_unavailable_reason()
    if reason is None:
        return []
    return [checks.Warning(reason, id="newsletters.W001")]
