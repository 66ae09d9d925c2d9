"""Real sites, started the one way every tool and test starts them.

`make edge`, `make bench`, `make loadtest`, the review targets and the tests that need a running
server all come here for: the environment of a throwaway, production-shaped site
(``site_env``), manage.py in that environment (``manage``), free ports, gunicorn as `make serve`
runs it (always with gunicorn.conf.py, so each worker warms up and names no software), Varnish
in front of it, and PostgreSQL clusters of their own that a test may stop and start.

Standard library only: the site runs in processes of its own, never inside the caller.
"""

import contextlib
import glob
import importlib.util
import itertools
import json
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
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# Beside the Python running us, whichever virtualenv (or checkout) that belongs to.
GUNICORN = Path(sys.executable).with_name("gunicorn")
VCL = BASE_DIR / "deploy" / "varnish" / "newsroom.vcl"
BACKENDS_WRITER = BASE_DIR / "deploy" / "varnish" / "write_backends.py"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
# The shell's own site settings never reach a throwaway site: they may name a real database,
# cache or error tracker, or change how gunicorn serves.
SHELL_SETTING_PREFIXES = ("DJANGO_", "NEWSROOM_", "SENTRY_", "GUNICORN_")
SHELL_SETTINGS = ("DATABASE_URL", "REDIS_URL", "WEB_CONCURRENCY")


DEMO_FACTS = """
import json
from django.contrib.auth.models import User
from articles.models import Article
if {superuser!r}:
    User.objects.create_superuser({superuser!r}[0], "desk@example.org", {superuser!r}[1])
print(json.dumps([article.get_absolute_url() for article in Article.objects.published()]))
"""


class Failed(RuntimeError):
    """A command or server of the site failed; the message holds what it said."""


def site_env(var_dir, database_url=None, *, settings="newsroom.settings", **extra):
    """The environment of a production-shaped site living in ``var_dir``; nothing from ours.

    DEBUG off, a fresh secret key, plain HTTP, no .env file and no second factor for the desk
    logins a tool makes. ``extra`` variables are added last (``None`` leaves one out).
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(SHELL_SETTING_PREFIXES) and key not in SHELL_SETTINGS
    }
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        DJANGO_SECRET_KEY=secrets.token_hex(32),
        NEWSROOM_VAR_DIR=str(var_dir),
        NEWSROOM_HTTPS="0",
        NEWSROOM_ENV_FILE=os.devnull,
        NEWSROOM_REQUIRE_2FA_FOR_EDITORS="0",
        # The demo newsroom's two editions, as `make run` serves them.
        NEWSROOM_LANGUAGES="en,uk",
        PYTHONUNBUFFERED="1",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update({key: str(value) for key, value in extra.items() if value is not None})
    return env


def manage(env, *args, timeout=None):
    """``manage.py args`` in ``env``, its output captured; Failed with that output otherwise."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise Failed(
            f"manage.py {' '.join(args)} exited with {result.returncode}:\n"
            f"{result.stdout}{result.stderr}"
        )
    return result


def load_demo(env, *, articles, superuser=None):
    """Migrates the site's database and loads the demo newsroom with ``articles`` filler stories;
    returns the paths of its published stories.

    Without the demo's desk logins, which print their passwords; ``superuser``, a ``(username,
    password)`` pair, adds a desk login with every right.
    """
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--articles", str(articles), "--no-logins", "-v0")
    facts = manage(env, "shell", "-v0", "-c", DEMO_FACTS.format(superuser=superuser))
    return json.loads(facts.stdout)


def free_ports(count, first=None, last=None):
    """``count`` different ports on 127.0.0.1 that nothing is bound to.

    From ``first``–``last`` when given (on a shared machine each user or test keeps a range),
    otherwise whichever the system hands out.
    """
    candidates = range(first, last + 1) if first is not None else itertools.repeat(0, count)
    ports = []
    # Each probe stays bound until all are found, so the system never hands out one twice.
    with contextlib.ExitStack() as probes:
        for candidate in candidates:
            probe = probes.enter_context(socket.socket())
            try:
                probe.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            ports.append(probe.getsockname()[1])
            if len(ports) == count:
                return ports
    raise Failed(f"not {count} free ports in {first}-{last}")


def free_port(first=None, last=None):
    return free_ports(1, first, last)[0]


def spawn(command, *, env=None, log_path):
    """``command`` in a process group of its own (so ``stop`` reaches its children too), its
    output in ``log_path``."""
    log_path = Path(log_path)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [str(part) for part in command],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def last_lines(log_path, count=60):
    if log_path is None or not Path(log_path).exists():
        return ""
    lines = Path(log_path).read_text(errors="replace").splitlines()[-count:]
    return f"\n--- {log_path}, last lines:\n" + "\n".join(lines)


def wait_for(url, *, process=None, log_path=None, timeout=180):
    """Returns once ``url`` answers 200; Failed if ``process`` exits first or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            name = Path(process.args[0]).name
            raise Failed(f"{name} exited with {process.returncode}{last_lines(log_path)}")
        # Refused, reset, or an error status (HTTPError is an OSError too): not up yet.
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        if time.monotonic() > deadline:
            raise Failed(f"{url} did not answer in {timeout} s{last_lines(log_path)}")
        time.sleep(0.2)


def stop(process, timeout=40):
    """SIGTERM to the process group ``spawn`` made, SIGKILL if it has not ended in time.

    gunicorn's workers get their graceful timeout (30 s) to finish what they are serving.
    """
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start_gunicorn(env, *, port, log_path, workers=None, access_log=True):
    """gunicorn serving the site on 127.0.0.1:``port``, as `make serve` does; returns its
    process once /healthz answers.

    Always with gunicorn.conf.py: its hooks warm each worker up before its first request and
    drop the Server header. Bind, workers and access log go through the variables it reads.
    """
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "-" if access_log else "",
    }
    if workers is not None:
        env["WEB_CONCURRENCY"] = str(workers)
    process = spawn([GUNICORN, "--config", "gunicorn.conf.py"], env=env, log_path=log_path)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", process=process, log_path=log_path)
    except BaseException:
        stop(process)
        raise
    return process


@contextlib.contextmanager
def gunicorn(env, *, port, log_path, workers=None, access_log=True):
    """``start_gunicorn`` for a ``with`` block; yields ``(base_url, process)``."""
    process = start_gunicorn(
        env, port=port, log_path=log_path, workers=workers, access_log=access_log
    )
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        stop(process)


def varnish_available():
    return Path(VARNISHD).exists()


def readable_by_everyone(path):
    """Whether any user can reach ``path``: every directory above it lets others through."""
    return all(parent.stat().st_mode & 0o001 for parent in Path(path).resolve().parents)


def varnish_directory():
    """A fresh directory for Varnish's configuration and state, open to Varnish's own users.

    varnishd compiles the VCL as user ``varnish`` and serves as ``vcache``. A checkout inside a
    private home directory (0700) is closed to both, so Varnish is never pointed into it: the
    VCL is copied here, where they can read it.
    """
    directory = Path(tempfile.mkdtemp(prefix="newsroom-varnish-"))
    directory.chmod(0o755)
    if not readable_by_everyone(directory):
        shutil.rmtree(directory)
        raise Failed(
            f"Varnish's users cannot reach {directory.parent}: set TMPDIR to a directory "
            "other users can enter (such as /tmp)."
        )
    return directory


DECLARED_HOST = re.compile(r'(\.host\s*=\s*)"[^"]*"')
DECLARED_PORT = re.compile(r'(\.port\s*=\s*)"[^"]*"')


def vcl_for_backend(vcl_text, *, host, port):
    """The VCL with every backend it declares pointed at ``host:port``; (text, how many)."""
    text, hosts = DECLARED_HOST.subn(rf'\g<1>"{host}"', vcl_text)
    text, _ = DECLARED_PORT.subn(rf'\g<1>"{port}"', text)
    return text, hosts


def backends_vcl(addresses):
    """deploy/varnish/write_backends.py's backends.vcl for ``addresses`` (host:port)."""
    # Loaded from its file: deploy/ holds configuration, not a package.
    spec = importlib.util.spec_from_file_location("write_backends", BACKENDS_WRITER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.backends_vcl(addresses)


def write_vcl(directory, vcl, backends):
    """``vcl`` and the VCL files beside it, copied into ``directory`` (readable by all) with its
    backends pointed at ``backends``.

    Our VCL includes its backends from backends.vcl, which is written for them; a VCL that
    declares its own (``BENCH_VCL``) has them pointed at the one backend given.
    """
    vcl = Path(vcl)
    for source in vcl.parent.glob("*.vcl"):
        (directory / source.name).write_text(source.read_text())
    text = vcl.read_text()
    if DECLARED_HOST.search(text):
        if len(backends) != 1:
            raise Failed(f"{vcl} declares its own backends: it fronts one server, not {backends}")
        host, _, port = backends[0].rpartition(":")
        (directory / vcl.name).write_text(vcl_for_backend(text, host=host, port=port)[0])
    else:
        (directory / "backends.vcl").write_text(backends_vcl(backends))
    for written in directory.glob("*.vcl"):
        written.chmod(0o644)
    return directory / vcl.name


@dataclass
class Varnish:
    process: subprocess.Popen
    directory: Path

    def stop(self):
        stop(self.process)
        shutil.rmtree(self.directory, ignore_errors=True)


def start_varnish(*, port, backends, log_path, vcl=VCL, storage="malloc,128m"):
    """varnishd on 127.0.0.1:``port`` in front of ``backends`` (host:port addresses), with a
    copy of ``vcl``; returns once /healthz answers through it."""
    directory = varnish_directory()
    try:
        main_vcl = write_vcl(directory, vcl, backends)
        process = spawn(
            [
                VARNISHD,
                "-F",
                "-n",
                directory / "state",
                "-a",
                f"127.0.0.1:{port}",
                "-T",
                "none",
                "-f",
                main_vcl,
                # A VCL that includes Varnish's own files still finds them.
                "-p",
                f"vcl_path={directory}:/etc/varnish:/usr/share/varnish/vcl",
                "-s",
                storage,
            ],
            log_path=log_path,
        )
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    varnish = Varnish(process, directory)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", process=process, log_path=log_path)
    except BaseException:
        varnish.stop()
        raise
    return varnish


@contextlib.contextmanager
def varnish(*, port, backends, log_path, vcl=VCL, storage="malloc,128m"):
    running = start_varnish(
        port=port, backends=backends, log_path=log_path, vcl=vcl, storage=storage
    )
    try:
        yield running
    finally:
        running.stop()


def postgres_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own in ``root``, on ``port``, that may be stopped and started.

    PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres`` user.
    """

    def __init__(self, root, port):
        self.root = Path(root)
        self.data_dir = self.root / "data"
        self.port = port
        self.as_postgres = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def run(self, *command, check=True):
        result = subprocess.run(
            [*self.as_postgres, *map(str, command)], capture_output=True, text=True, timeout=120
        )
        if check and result.returncode != 0:
            name = Path(command[0]).name
            raise Failed(f"{name} exited with {result.returncode}:\n{result.stdout}{result.stderr}")
        return result

    def init(self):
        self.root.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self.run(
            postgres_bin("initdb"),
            "-D",
            self.data_dir,
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )

    def start(self):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            postgres_bin("pg_ctl"),
            "-D",
            self.data_dir,
            "-l",
            self.root / "server.log",
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self, mode="fast"):
        self.run(postgres_bin("pg_ctl"), "-D", self.data_dir, "-m", mode, "-w", "stop", check=False)

    def create_database(self, name):
        self.run(
            postgres_bin("createdb"), "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", name
        )
        return self.url(name)


@contextlib.contextmanager
def throwaway_postgres(port):
    """A started cluster in a fresh folder under /tmp (pytest's own is closed to other users)."""
    root = Path(tempfile.mkdtemp(prefix="newsroom-postgres-"))
    cluster = ThrowawayPostgres(root, port)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)
