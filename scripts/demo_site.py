"""The throwaway production-like site that `make lighthouse` and `make screenshots` look at.

It has its own SQLite database and uploads in var/lighthouse (never var/db.sqlite3 or a
DATABASE_URL from the shell), the demo newsroom, a random secret key, and is served by
`make serve`: gunicorn, DEBUG off, static files from whitenoise, plain HTTP.
"""

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SITE_DIR = BASE_DIR / "var" / "lighthouse"
DEMO_ARTICLES = 60
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The demo's pages, named after the demo content rather than spelled out here.
PAGE_PATHS_CODE = """
import json
from django.urls import reverse
from articles.demo import content
from live.demo import SLUG as LIVE_SLUG
print(json.dumps({
    "feed": reverse("frontpage:front"),
    "article": reverse("articles:detail", args=[content.SEED_ARTICLE.slug]),
    "live": reverse("articles:detail", args=[LIVE_SLUG]),
    "author": reverse("authors:detail", args=[content.KATERYNA_HODUNOVA.slug]),
}))
"""


def site_env():
    """This shell's environment without the site's own settings, plus the throwaway site's."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_")) and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_SECRET_KEY=secrets.token_hex(32),
        NEWSROOM_VAR_DIR=str(SITE_DIR),
        NEWSROOM_HTTPS="0",
        # Nothing from a .env file either: it could name a real database.
        NEWSROOM_ENV_FILE=os.devnull,
    )
    return env


def manage(env, *args, capture=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    ).stdout


def page_paths(env):
    return json.loads(manage(env, "shell", "-v0", "-c", PAGE_PATHS_CODE, capture=True))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, timeout=120):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return response.status


@contextlib.contextmanager
def demo_site():
    """Prepares the site, serves it with `make serve` and yields ``(base_url, page_paths)``."""
    env = site_env()
    SITE_DIR.mkdir(parents=True, exist_ok=True)
    print(f"Preparing the demo site in {SITE_DIR.relative_to(BASE_DIR)}/ ...", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--articles", str(DEMO_ARTICLES), "--no-logins", "-v0", capture=True)
    paths = page_paths(env)

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = SITE_DIR / "server.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "serve", "HOST=127.0.0.1", f"PORT={port}"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn and its workers stop with it
        )
    try:
        wait_until_up(server, f"{base_url}/healthz", log_path)
        print(f"Serving at {base_url} (log: {log_path.relative_to(BASE_DIR)})", flush=True)
        # The first request for a page makes its image renditions; don't measure that.
        for path in paths.values():
            get(base_url + path)
        yield base_url, paths
    finally:
        stop(server)


def wait_until_up(server, health_url, log_path, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"`make serve` exited with {server.returncode}; see {log_path}")
        with contextlib.suppress(OSError, urllib.error.URLError):
            if get(health_url, timeout=5) == 200:
                return
        time.sleep(0.5)
    raise SystemExit(f"The site did not answer {health_url} in {timeout} s; see {log_path}")


def stop(server):
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
