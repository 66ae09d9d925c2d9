"""The one way tools and tests start a site: its environment, its gunicorn, its Varnish."""

import os
import re
import urllib.request

import pytest

from tools import site

# A site of its own on SQLite, whatever DATABASE_URL says: the PostgreSQL pass leaves it out.
pytestmark = pytest.mark.database_neutral

REQUEST_LINE = re.compile(r"\b(GET|HEAD) (\S+) (\d{3}) [\d.]+ms \w+$", re.M)


def test_a_throwaway_site_takes_none_of_the_shells_settings(monkeypatch, tmp_path):
    for name, value in {
        "DATABASE_URL": "postgres://real/newsroom",
        "REDIS_URL": "redis://real:6379/0",
        "DJANGO_DEBUG": "1",
        "NEWSROOM_EDGE_PURGE_URLS": "http://real-edge/",
        "SENTRY_DSN": "https://key@sentry.example.org/1",
        "GUNICORN_TIMEOUT": "1",
        "WEB_CONCURRENCY": "64",
    }.items():
        monkeypatch.setenv(name, value)

    env = site.site_env(tmp_path, REDIS_URL=None, NEWSROOM_PAGE_CACHE=1)

    assert env["NEWSROOM_VAR_DIR"] == str(tmp_path)
    assert env["NEWSROOM_ENV_FILE"] == os.devnull
    assert env["NEWSROOM_PAGE_CACHE"] == "1"
    assert env["DJANGO_SETTINGS_MODULE"] == "newsroom.settings"
    assert len(env["DJANGO_SECRET_KEY"]) == 64
    leaked = {"DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG", "NEWSROOM_EDGE_PURGE_URLS"}
    leaked |= {"SENTRY_DSN", "GUNICORN_TIMEOUT", "WEB_CONCURRENCY"}
    assert leaked & set(env) == set()
    assert env["PATH"] == os.environ["PATH"]


def test_free_ports_are_different_and_taken_from_the_range_asked_for():
    first, second = site.free_ports(2, 8760, 8769)
    assert first != second
    assert {first, second} <= set(range(8760, 8770))


def test_gunicorn_reads_its_config_warms_up_and_names_no_software(
    tmp_path, collected_static, site_copies
):
    env = site.site_env(tmp_path)
    site_copies.migrated(tmp_path)
    log = tmp_path / "gunicorn.log"

    with site.gunicorn(env, port=site.free_port(8760, 8769), log_path=log, workers=1) as (url, _):
        with urllib.request.urlopen(f"{url}/healthz", timeout=30) as response:
            status, headers = response.status, response.headers

    assert status == 200
    assert "Server" not in headers
    # Before its first request (the wait for /healthz), the worker rendered the front page.
    first = REQUEST_LINE.search(log.read_text())
    assert first is not None and first.group(2, 3) == ("/", "200"), log.read_text()


def test_our_vcl_is_copied_with_a_backends_file_naming_each_instance(tmp_path):
    main = site.write_vcl(tmp_path, site.VCL, ["127.0.0.1:8001", "127.0.0.1:8002"])

    assert main.read_text() == site.VCL.read_text()
    backends = (tmp_path / "backends.vcl").read_text()
    assert '.port = "8001"' in backends and '.port = "8002"' in backends
    assert "newsroom.add_backend(app2);" in backends
    assert all(oct(path.stat().st_mode)[-3:] == "644" for path in tmp_path.glob("*.vcl"))


def test_every_backend_a_vcl_declares_points_at_the_one_server_it_fronts(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "bench.vcl").write_text(
        'vcl 4.1;\ninclude "extra.vcl";\nbackend a { .host = "app1"; .port = "8000"; }\n'
        'backend b { .host="app2"; .port="8001"; }\n'
    )
    (source / "extra.vcl").write_text("# included\n")
    copy = tmp_path / "copy"
    copy.mkdir()

    text = site.write_vcl(copy, source / "bench.vcl", ["127.0.0.1:8400"]).read_text()

    assert text.count('.host = "127.0.0.1"') + text.count('.host="127.0.0.1"') == 2
    assert '"8000"' not in text and '"8001"' not in text and text.count('"8400"') == 2
    assert (copy / "extra.vcl").read_text() == "# included\n"
    with pytest.raises(site.Failed, match="declares its own backends"):
        site.write_vcl(copy, source / "bench.vcl", ["127.0.0.1:8400", "127.0.0.1:8401"])
