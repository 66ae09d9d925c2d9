"""EMAIL_URL is read strictly when the process starts, and a site without mail says so."""

from django.core import checks

from newsroom.tests.test_settings import read_settings

NAMES = [
    "EMAIL_BACKEND",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "NEWSROOM_EMAIL_PROVIDER",
    "NEWSROOM_MAIL_CONFIGURED",
]
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_every_kind_of_email_url():
    urls = [
        "smtp://newsroom:p%40ss@mail.example.org:2525",
        "smtp+tls://mail.example.org",
        "smtp+ssl://mail.example.org",
        "anymail://mailgun",
    ]
    plain, tls, ssl, provider = read_settings("EMAIL_URL", urls, NAMES)
    assert plain == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "newsroom",
        "EMAIL_HOST_PASSWORD": "p@ss",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "NEWSROOM_EMAIL_PROVIDER": "",
        "NEWSROOM_MAIL_CONFIGURED": True,
    }
    assert (tls["EMAIL_PORT"], tls["EMAIL_USE_TLS"], tls["EMAIL_USE_SSL"]) == (587, True, False)
    assert (ssl["EMAIL_PORT"], ssl["EMAIL_USE_TLS"], ssl["EMAIL_USE_SSL"]) == (465, False, True)
    assert provider["EMAIL_BACKEND"] == "anymail.backends.mailgun.EmailBackend"
    assert provider["NEWSROOM_EMAIL_PROVIDER"] == "mailgun"


def test_without_email_url_development_writes_files_and_production_sends_nothing(tmp_path):
    [production] = read_settings("EMAIL_URL", [""], NAMES)
    assert production["EMAIL_BACKEND"] == "newsletters.mail.UnconfiguredBackend"
    assert production["NEWSROOM_MAIL_CONFIGURED"] is False
    [development] = read_settings(
        "EMAIL_URL",
        [""],
        ["EMAIL_BACKEND", "EMAIL_FILE_PATH", "NEWSROOM_MAIL_CONFIGURED"],
        DJANGO_DEBUG="1",
        NEWSROOM_VAR_DIR=str(tmp_path),
    )
    assert development == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "NEWSROOM_MAIL_CONFIGURED": True,
    }


def test_an_email_url_that_cannot_be_read_stops_the_start():
    bad = ["ftp://mail.example.org", "smtp://", "smtp://mail:port", "anymail://../x", "mail"]
    for result in read_settings("EMAIL_URL", bad, NAMES):
        assert "ImproperlyConfigured: EMAIL_URL" in result.get("error", ""), result


def test_the_deploy_check_warns_when_newsletters_cannot_be_sent(settings):
    settings.NEWSROOM_MAIL_CONFIGURED = False
    warnings = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "newsletters.W001" in warnings
    settings.NEWSROOM_MAIL_CONFIGURED = True
    warnings = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "newsletters.W001" not in warnings
