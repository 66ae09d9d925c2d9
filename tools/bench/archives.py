"""The benchmark's sites: its knobs, an archive per size (a PostgreSQL database, or SQLite
when there is none), the environment it is served with, and the probe that looks inside it."""

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from tools import site

MODES = ("uncached", "origin", "varnish")


def env_int(name, default):
    return int(os.environ.get(name) or default)


def env_list(name, default):
    return [item.strip() for item in (os.environ.get(name) or default).split(",") if item.strip()]


class Config:
    def __init__(self):
        self.sizes = [int(size) for size in env_list("BENCH_SIZES", "1000,100000")]
        self.modes = [mode for mode in env_list("BENCH_MODES", ",".join(MODES))]
        unknown = set(self.modes) - set(MODES)
        if unknown:
            raise SystemExit(f"BENCH_MODES: unknown {sorted(unknown)}; known: {', '.join(MODES)}")
        self.pages = env_list("BENCH_PAGES", "")  # empty: every page
        self.extras = env_list("BENCH_EXTRAS", "search,image,memory")
        self.duration = env_int("BENCH_DURATION", 10)
        self.connections = env_int("BENCH_CONNECTIONS", 16)
        self.threads = env_int("BENCH_THREADS", 2)
        self.workers = env_int("BENCH_WORKERS", 2)
        self.timeout = env_int("BENCH_TIMEOUT", 10)
        self.port = env_int("BENCH_PORT", 8400)
        self.memory_requests = env_int("BENCH_MEMORY_REQUESTS", 10_000)
        self.memory_size = env_int("BENCH_MEMORY_SIZE", min(self.sizes))
        self.redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
        self.postgres_url = os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"
        )
        self.vcl = Path(os.environ.get("BENCH_VCL") or site.VCL)
        self.out = Path(os.environ.get("BENCH_OUT") or site.BASE_DIR / "var/bench")
        self.secret_key = secrets.token_hex(32)
        # The share of the archive in the Ukrainian edition (the rest English).
        self.ukrainian_share = float(os.environ.get("BENCH_UKRAINIAN_SHARE") or 0.4)
        self.database_prefix = os.environ.get("BENCH_DATABASE_PREFIX") or "newsroom_bench"


def database_name(size, prefix="newsroom_bench"):
    label = f"{size // 1000}k" if size % 1000 == 0 else str(size)
    return f"{prefix}_{label}"


def postgres_available(config):
    try:
        import psycopg

        with psycopg.connect(f"{config.postgres_url}/postgres", connect_timeout=3):
            return True
    except Exception:  # Any failure to connect means: use SQLite.
        return False


def ensure_postgres_database(config, name):
    import psycopg

    with psycopg.connect(f"{config.postgres_url}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def site_env(config, size, *, page_cache, database_url):
    """The benchmark site of ``size`` articles: the production settings plus the floor."""
    return site.site_env(
        config.out / str(size),
        database_url,
        settings="tools.bench.settings",
        # One key for both of a size's sites, cached and uncached.
        DJANGO_SECRET_KEY=config.secret_key,
        NEWSROOM_PAGE_CACHE="1" if page_cache else "0",
        REDIS_URL=config.redis_url,
        # Both editions: the default unprefixed, Ukrainian under /uk/.
        NEWSROOM_LANGUAGES="en,uk",
    )


def probe(env, *args):
    completed = subprocess.run(
        [sys.executable, "-m", "tools.bench.probe", *args],
        cwd=site.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"tools.bench.probe {' '.join(args)} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def prepare_archive(config, size, env):
    """Build the archive when it has fewer than ``size`` articles; then VACUUM ANALYZE."""
    (config.out / str(size)).mkdir(parents=True, exist_ok=True)
    # An archive kept from an earlier run is brought up to the code's schema first.
    site.manage(env, "migrate", "--noinput", "-v0")
    print(site.manage(env, "make_renditions").stdout, end="", flush=True)
    found = probe(env, "status")["articles"]
    if found < size:
        print(f"Building the {size:,}-article archive (found {found:,}) ...", flush=True)
        started = time.monotonic()
        site.manage(env, "load_demo", "--articles", str(size), "--no-logins", "-v0")
        print(f"  built in {time.monotonic() - started:.0f} s", flush=True)
    if config.ukrainian_share:
        split = probe(env, "split-editions", str(config.ukrainian_share))
        if split["moved"]:
            print(f"  {split['moved']:,} stories moved to the Ukrainian edition", flush=True)
    probe(env, "maintain")


def flush_cache(config):
    with contextlib.suppress(Exception):  # No Redis: each worker has its own local memory.
        import redis

        redis.Redis.from_url(config.redis_url, socket_connect_timeout=2).flushdb()
