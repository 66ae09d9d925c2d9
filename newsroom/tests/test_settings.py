import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_")) and key != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean_env, **env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


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
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


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


def test_database_url_selects_postgresql():
    require_service("DATABASE_URL")
    if os.environ["DATABASE_URL"].startswith("postgres"):
        assert connection.vendor == "postgresql"


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
