"""The servers the benchmark starts and stops itself: gunicorn and Varnish, on its own ports."""

import contextlib
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def http_get(url, timeout=120):
    """(status, body bytes, seconds) of one GET; an error status is an answer, not an error."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body = error.read()
        status = error.code
    return status, len(body), time.perf_counter() - started


def wait_until_drained(url, *, quick_s=0.25, limit_s=120):
    """Wait until a request to ``url`` (a cheap page) is answered at once, twice in a row;
    returns the seconds waited.

    When wrk stops, the requests it gave up on are still queued at the server, which serves them
    anyway; a measurement started then would begin on a server busy with the last one's pages.
    """
    started = time.monotonic()
    quick = 0
    while quick < 2 and time.monotonic() - started < limit_s:
        try:
            seconds = http_get(url, timeout=limit_s)[2]
        except OSError:
            seconds = limit_s
        quick = quick + 1 if seconds < quick_s else 0
    return time.monotonic() - started


def wait_until_up(process, url, log_path, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} exited with {process.returncode}; see {log_path}")
        with contextlib.suppress(OSError, urllib.error.URLError):
            if http_get(url, timeout=5)[0] == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"Nothing answered {url} in {timeout} s; see {log_path}")


def stop(process):
    """Stop a server started by this module, with its workers (its own process group)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def gunicorn(env, *, port, workers, log_path):
    """Serve the site with gunicorn.conf.py, as `make serve` does, on 127.0.0.1:``port``."""
    env = {
        **env,
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
    }
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(BASE_DIR / ".venv" / "bin" / "gunicorn"), "--config", "gunicorn.conf.py"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_up(process, f"http://127.0.0.1:{port}/healthz", log_path)
        yield process
    finally:
        stop(process)


def vcl_for_backend(vcl_text, *, host, port):
    """The VCL with every backend pointed at ``host:port``; (text, how many were changed)."""
    text, hosts = re.subn(r'(\.host\s*=\s*)"[^"]*"', rf'\g<1>"{host}"', vcl_text)
    text, _ = re.subn(r'(\.port\s*=\s*)"[^"]*"', rf'\g<1>"{port}"', text)
    return text, hosts


@contextlib.contextmanager
def varnish(vcl_path, *, port, admin_port, backend_port, log_path):
    """varnishd in the foreground on 127.0.0.1:``port`` with a copy of ``vcl_path`` whose
    backends point at our gunicorn."""
    text, backends = vcl_for_backend(
        Path(vcl_path).read_text(), host="127.0.0.1", port=backend_port
    )
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-varnish-"))
    # varnishd drops to its own user, which must reach its working directory.
    workdir.chmod(0o755)
    writer = Path(vcl_path).resolve().parent / "write_backends.py"
    if not backends and writer.exists():
        # Our VCL includes backends.vcl from vcl_path: one naming this benchmark's gunicorn goes
        # first on the path.
        spec = importlib.util.spec_from_file_location("write_backends", writer)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        (workdir / "backends.vcl").write_text(module.backends_vcl([f"127.0.0.1:{backend_port}"]))
        (workdir / "backends.vcl").chmod(0o644)
    elif not backends:
        print(f"  note: no '.host = ...' backend in {vcl_path}; it is used as written")
    vcl_copy = workdir / "bench.vcl"
    vcl_copy.write_text(text)
    vcl_copy.chmod(0o644)
    command = [
        shutil.which("varnishd") or "/usr/sbin/varnishd",
        "-F",
        "-n",
        str(workdir / "instance"),
        "-a",
        f"127.0.0.1:{port}",
        "-T",
        f"127.0.0.1:{admin_port}",
        "-f",
        str(vcl_copy),
        "-s",
        "malloc,256m",
        # A VCL that includes files next to it still finds them.
        "-p",
        f"vcl_path={workdir}:{Path(vcl_path).resolve().parent}:/etc/varnish:/usr/share/varnish/vcl",
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_until_up(process, f"http://127.0.0.1:{port}/healthz", log_path, timeout=60)
        yield process
    finally:
        stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
