import pytest
from django.core.cache import cache

from newsletters.tests.mailbox import SMTPServer
from newsletters.tests.tasks import run_tasks

SITE_URL = "https://news.example.org"


@pytest.fixture(autouse=True)
def mail_set_up(settings):
    """Mail as production has it: configured, links on an https origin; no sign-ups counted."""
    settings.NEWSROOM_MAIL_CONFIGURED = True
    settings.SITE_URL = SITE_URL
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free loopback port, and Django's SMTP backend sending to it."""
    with SMTPServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        server.mailbox.port = server.port
        yield server.mailbox


@pytest.fixture
def worker():
    return run_tasks
