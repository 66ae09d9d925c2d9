"""Real sites for the tests of failures: a migrated database in a temporary folder, served by
gunicorn as `make serve` does, and throwaway PostgreSQL clusters that a test may stop and start.

Nothing here stands in for our code: the failures are real (a stopped database, a signal to
gunicorn) and so are the servers.
"""

import contextlib
import glob
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def services_required():
    return os.environ.get("NEWSROOM_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason):
    if services_required():
        pytest.fail(f"{reason} (NEWSROOM_REQUIRE_SERVICES=1 makes this mandatory)")
    pytest.skip(reason)


def site_env(var_dir, database_url=None, **extra):
    """The environment of a production-shaped site living in ``var_dir``; nothing from ours."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_", "SENTRY_"))
        and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_SECRET_KEY=secrets.token_hex(32),
        NEWSROOM_VAR_DIR=str(var_dir),
        NEWSROOM_HTTPS="0",
        # Never a developer's .env; and the desk logins here have no authenticator app.
        NEWSROOM_ENV_FILE=os.devnull,
        NEWSROOM_REQUIRE_2FA_FOR_EDITORS="0",
        PYTHONUNBUFFERED="1",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra)
    return env


def manage(env, *args, timeout=300):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result


def port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(first, last):
    """A free port in ``first``–``last`` (this project's tests keep to their own range)."""
    for port in range(first, last + 1):
        if port_is_free(port):
            return port
    pytest.fail(f"no free port in {first}-{last}")


def fetch(url, timeout=30, **headers):
    """``(status, body)``; an HTTP error status is an answer too."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@contextlib.contextmanager
def gunicorn(env, port, log_path, workers=2, extra_args=()):
    """gunicorn serving the site, as `make serve` does; yields ``(base_url, process)``."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                str(GUNICORN),
                "newsroom.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                "--access-logfile=-",
                *extra_args,
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited with {server.returncode}:\n{log_path.read_text()}")
            with contextlib.suppress(OSError):
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not listen on {port}:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield base_url, server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def postgres_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own in ``data_dir``, on ``port``, that a test may stop.

    PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres`` user.
    """

    def __init__(self, root, port):
        self.root = Path(root)
        self.data_dir = self.root / "data"
        self.port = port
        self.as_postgres = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def run(self, *command):
        return subprocess.run(
            [*self.as_postgres, *command], capture_output=True, text=True, timeout=120
        )

    def init(self):
        self.root.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        result = self.run(
            postgres_bin("initdb"),
            "-D",
            str(self.data_dir),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def start(self):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        result = self.run(
            postgres_bin("pg_ctl"),
            "-D",
            str(self.data_dir),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def stop(self, mode="fast"):
        self.run(postgres_bin("pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w", "stop")

    def create_database(self, name):
        result = self.run(
            postgres_bin("createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            name,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return self.url(name)


def postgres_tests_wanted():
    """The throwaway clusters run in the PostgreSQL pass of the suite, not the SQLite one."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        skip_or_fail(
            "these tests start their own PostgreSQL; they run when DATABASE_URL is PostgreSQL"
        )
    if not postgres_bin("initdb") or not postgres_bin("pg_ctl"):
        skip_or_fail("PostgreSQL's initdb and pg_ctl are not installed")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        skip_or_fail("running as root needs runuser to start PostgreSQL as its own user")


@contextlib.contextmanager
def throwaway_postgres(port):
    """A started cluster in a fresh folder under /tmp (pytest's own is closed to other users)."""
    postgres_tests_wanted()
    root = Path(tempfile.mkdtemp(prefix="newsroom-postgres-"))
    cluster = ThrowawayPostgres(root, port)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


class Browser:
    """A person at a browser: cookies kept, forms posted with their CSRF token."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open(self, path, data=None, timeout=30):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base_url + path)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def csrf_token(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]

    def log_in(self, username, password):
        status, html, _ = self.open("/admin/login/?next=/admin/")
        assert status == 200, html
        status, html, _ = self.open(
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": self.csrf_token(html),
                "username": username,
                "password": password,
                "next": "/admin/",
            },
        )
        assert status == 200 and "Log out" in html, html
