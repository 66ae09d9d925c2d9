import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]


def clean_environment(**env):
    """The machine's environment minus our settings; no developer's .env is read either."""
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_")) and key != "DATABASE_URL"
    }
    chosen = {
        **clean_env,
        "NEWSROOM_ENV_FILE": os.devnull,
        **env,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    return {key: value for key, value in chosen.items() if value is not None}


def run_manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


# Loads the settings module once per value of one variable, in a fresh process, and prints
# what came of each: the chosen settings, or the error that stopped the start.
READ_SETTINGS = """
import importlib, json, os, sys
variable, names, values = sys.argv[1], sys.argv[2].split(","), json.loads(sys.argv[3])
results = []
for value in values:
    os.environ[variable] = value
    sys.modules.pop("newsroom.settings", None)
    try:
        module = importlib.import_module("newsroom.settings")
        results.append({name: getattr(module, name, None) for name in names})
    except Exception as error:
        results.append({"error": f"{type(error).__name__}: {error}"})
print(json.dumps(results, default=str))
"""


def read_settings(variable, values, names, **env):
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS, variable, ",".join(names), json.dumps(values)],
        cwd=BASE_DIR,
        env=clean_environment(DJANGO_SECRET_KEY="s" * 50, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


HTTPS_SETTINGS = ["HTTPS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "SECURE_HSTS_SECONDS"]


def test_https_is_on_for_every_way_of_saying_yes():
    words = ["true", "yes", "on", "1", "TRUE", "Yes"]
    for result in read_settings("NEWSROOM_HTTPS", words, HTTPS_SETTINGS):
        assert result == {
            "HTTPS": True,
            "SECURE_SSL_REDIRECT": True,
            "SESSION_COOKIE_SECURE": True,
            "SECURE_HSTS_SECONDS": 31536000,
        }


def test_https_is_off_for_every_way_of_saying_no():
    words = ["false", "no", "off", "0", "False"]
    for result in read_settings("NEWSROOM_HTTPS", words, HTTPS_SETTINGS):
        assert result == {
            "HTTPS": False,
            "SECURE_SSL_REDIRECT": None,
            "SESSION_COOKIE_SECURE": None,
            "SECURE_HSTS_SECONDS": None,
        }


@pytest.mark.parametrize(
    "variable",
    ["NEWSROOM_HTTPS", "DJANGO_DEBUG", "NEWSROOM_SERVE_MEDIA", "NEWSROOM_CSP_REPORT_ONLY"],
)
def test_a_flag_that_is_not_yes_or_no_stops_the_start(variable):
    for result in read_settings(variable, ["maybe", "", "2", "enabled"], ["HTTPS"]):
        assert "error" in result, result
        assert f'"{variable}" invalid' in result["error"]
        assert "use true, yes, on, 1 or false, no, off, 0" in result["error"]


@pytest.mark.parametrize("variable", ["NEWSROOM_HSTS_SECONDS", "NEWSROOM_MAX_UPLOAD_BYTES"])
def test_a_number_that_is_not_a_whole_number_stops_the_start(variable):
    for result in read_settings(variable, ["", "ten", "1.5", "-1", "1e6"], ["HTTPS"]):
        assert "error" in result, result
        assert f'"{variable}" invalid' in result["error"]


def test_the_start_error_names_the_variable_in_manage_py():
    result = run_manage("check", DJANGO_SECRET_KEY="s" * 50, NEWSROOM_HTTPS="enabled")
    assert result.returncode != 0
    assert 'Environment variable "NEWSROOM_HTTPS" invalid' in result.stderr


def test_a_dotenv_file_is_read_and_the_environment_wins_over_it(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# a deployment's settings\n"
        "NEWSROOM_SITE_NAME=Dotenv Daily\n"
        "NEWSROOM_HTTPS=off\n"
        "NEWSROOM_LANGUAGES=uk\n"
    )
    results = read_settings(
        "NEWSROOM_LANGUAGES",
        ["de"],
        ["SITE_NAME", "HTTPS", "LANGUAGE_CODE"],
        NEWSROOM_ENV_FILE=str(env_file),
    )
    assert results == [{"SITE_NAME": "Dotenv Daily", "HTTPS": False, "LANGUAGE_CODE": "de"}]


def test_the_editions_are_the_languages_named_the_first_the_default():
    results = read_settings("NEWSROOM_LANGUAGES", ["en", "uk, en"], ["LANGUAGES", "LANGUAGE_CODE"])
    assert results == [
        {"LANGUAGES": [["en", "English"]], "LANGUAGE_CODE": "en"},
        {"LANGUAGES": [["uk", "Українська"], ["en", "English"]], "LANGUAGE_CODE": "uk"},
    ]


def test_a_language_list_that_cannot_be_read_stops_the_site():
    for value, message in [
        ("en,xx", "'xx' is not a language code Django knows"),
        ("en,uk,en", "names 'en' twice"),
        ("EN", "'EN' is not a language code"),
        (" , ", "names no language"),
    ]:
        result = run_manage("check", DJANGO_SECRET_KEY="s" * 50, NEWSROOM_LANGUAGES=value)
        assert result.returncode != 0
        assert message in result.stderr, value


def test_the_old_single_language_variable_is_refused_with_its_new_name():
    result = run_manage("check", DJANGO_SECRET_KEY="s" * 50, NEWSROOM_SITE_LANGUAGE="uk")
    assert result.returncode != 0
    assert "NEWSROOM_SITE_LANGUAGE is now NEWSROOM_LANGUAGES" in result.stderr


def test_a_dotenv_file_beside_manage_py_is_the_default():
    results = read_settings("NEWSROOM_SITE_NAME", ["x"], ["ENV_FILE"], NEWSROOM_ENV_FILE=None)
    assert results == [{"ENV_FILE": str(BASE_DIR / ".env")}]


def test_missing_secret_key_with_debug_off_is_a_clear_error():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_deploy_check_is_clean_in_production_shape(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-1234567890",
        NEWSROOM_VAR_DIR=str(tmp_path),
        # Production sends newsletters: without these the check warns (newsletters.W001).
        EMAIL_URL="smtp+tls://mail.example.org",
        NEWSROOM_SITE_URL="https://news.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_warns_when_newsletters_could_not_be_sent(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-1234567890",
        NEWSROOM_VAR_DIR=str(tmp_path),
    )
    assert "newsletters.W001" in result.stderr + result.stdout
    assert "set EMAIL_URL" in result.stderr + result.stdout


@pytest.mark.django_db
def test_healthz_answers_200_with_the_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def require_service(url_variable):
    if not os.environ.get(url_variable):
        if os.environ.get("NEWSROOM_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{url_variable} must be set where services are required")
        pytest.skip(f"{url_variable} not set; this run uses the zero-setup defaults")


@pytest.mark.postgres
def test_database_url_selects_postgresql():
    require_service("DATABASE_URL")
    if os.environ["DATABASE_URL"].startswith("postgres"):
        assert connection.vendor == "postgresql"


@pytest.mark.postgres
def test_redis_url_selects_a_shared_cache():
    require_service("REDIS_URL")
    cache.set("newsroom-health", "shared", 10)
    assert cache.get("newsroom-health") == "shared"
    assert type(caches["default"]).__name__ == "RedisCache"


@pytest.mark.django_db
def test_pages_are_compressed_for_clients_that_accept_it(client):
    from articles.tests.factories import ArticleFactory

    for _ in range(5):
        ArticleFactory()
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


def test_env_example_loads_as_a_dotenv_file_and_names_only_real_settings():
    example = BASE_DIR / ".env.example"
    results = read_settings(
        "NEWSROOM_SITE_NAME",
        ["The Newsroom"],
        [
            "DEBUG",
            "HTTPS",
            "NEWSROOM_SERVE_MEDIA",
            "NEWSROOM_CSP_REPORT_ONLY",
            "NEWSROOM_MAX_UPLOAD_BYTES",
        ],
        NEWSROOM_ENV_FILE=str(example),
    )
    assert results == [
        {
            "DEBUG": False,
            "HTTPS": True,
            "NEWSROOM_SERVE_MEDIA": True,
            "NEWSROOM_CSP_REPORT_ONLY": False,
            "NEWSROOM_MAX_UPLOAD_BYTES": 15 * 1024 * 1024,
        }
    ]
    # gunicorn.conf.py reads the serving variables; settings.py reads everything else.
    settings_source = (BASE_DIR / "newsroom" / "settings.py").read_text() + (
        BASE_DIR / "gunicorn.conf.py"
    ).read_text()
    for line in example.read_text().splitlines():
        if line and not line.startswith("#"):
            assert f'"{line.partition("=")[0]}"' in settings_source, line


def test_an_env_file_named_but_missing_stops_the_start(tmp_path):
    missing = tmp_path / "production.env"
    results = read_settings("NEWSROOM_ENV_FILE", [str(missing)], ["HTTPS"])
    assert results == [
        {"error": f"ImproperlyConfigured: NEWSROOM_ENV_FILE names {missing}, which does not exist."}
    ]


def test_images_may_come_from_the_media_and_static_origins_and_reports_go_where_asked():
    (result,) = read_settings(
        "NEWSROOM_MEDIA_URL",
        ["https://media.example.org/uploads/"],
        ["NEWSROOM_CSP", "NEWSROOM_CSP_DESK"],
        NEWSROOM_CSP_REPORT_URI="https://reports.example.org/csp",
    )
    for policy in (result["NEWSROOM_CSP"], result["NEWSROOM_CSP_DESK"]):
        assert "https://media.example.org" in policy["img-src"]
        assert policy["report-uri"] == "https://reports.example.org/csp"
        assert policy["script-src"] == ["'self'"]
