"""Two (or more) app instances behind Varnish on one machine: `make edge` and the edge tests.

Standard library only; the instances are gunicorn processes started from this checkout, each
purging the Varnish in front of them. Without Redis each instance keeps its own local page
cache, validated against the versions in the shared database.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VCL_DIR = BASE_DIR / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def varnish_available():
    return Path(VARNISHD).exists()


def backends_vcl(app_ports):
    sys.path.insert(0, str(VCL_DIR))
    try:
        from write_backends import backends_vcl
    finally:
        sys.path.remove(str(VCL_DIR))
    return backends_vcl([f"127.0.0.1:{port}" for port in app_ports])


def readable_by_everyone(path):
    """Whether any user can reach ``path``: every directory above it lets others through."""
    return all(parent.stat().st_mode & 0o001 for parent in Path(path).resolve().parents)


def varnish_directory():
    """A fresh directory for Varnish's configuration and state, open to Varnish's own users.

    varnishd compiles the VCL as user ``varnish`` and serves as ``vcache``. A checkout inside a
    private home directory (0700) is closed to both, so Varnish is never pointed into it: the
    VCL is copied here (see ``write_vcl``), where they can read it.
    """
    directory = Path(tempfile.mkdtemp(prefix="newsroom-varnish-"))
    directory.chmod(0o755)
    if not readable_by_everyone(directory):
        shutil.rmtree(directory)
        raise RuntimeError(
            f"Varnish's users cannot reach {directory.parent}: set TMPDIR to a directory "
            "other users can enter (such as /tmp)."
        )
    return directory


def write_vcl(directory, app_ports):
    """The checkout's VCL files and a backends.vcl for ``app_ports``, readable by all."""
    for source in VCL_DIR.glob("*.vcl"):
        (directory / source.name).write_text(source.read_text())
    (directory / "backends.vcl").write_text(backends_vcl(app_ports))
    for written in directory.glob("*.vcl"):
        written.chmod(0o644)


def wait_for(url, *, timeout=30, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


@dataclass
class Stack:
    edge_port: int
    app_ports: list
    env: dict
    work_dir: Path
    processes: dict = field(default_factory=dict)
    # Varnish's configuration and state: not in work_dir, which may sit in a private checkout.
    varnish_dir: Path | None = None

    @property
    def edge_url(self):
        return f"http://127.0.0.1:{self.edge_port}"

    def app_url(self, index):
        return f"http://127.0.0.1:{self.app_ports[index]}"

    def start_app(self, index, **extra_env):
        port = self.app_ports[index]
        log = open(self.work_dir / f"app-{port}.log", "ab")
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "newsroom.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                os.environ.get("EDGE_APP_WORKERS", "1"),
                "--access-logfile",
                "-",
            ],
            cwd=BASE_DIR,
            env={**self.env, **extra_env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes[f"app-{port}"] = process
        wait_for(f"{self.app_url(index)}/healthz", process=process)
        return process

    def start_edge(self):
        if self.varnish_dir is None:
            self.varnish_dir = varnish_directory()
        write_vcl(self.varnish_dir, self.app_ports)
        process = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-n",
                str(self.varnish_dir / "state"),
                "-a",
                f"127.0.0.1:{self.edge_port}",
                "-T",
                "none",
                "-f",
                str(self.varnish_dir / "newsroom.vcl"),
                "-p",
                f"vcl_path={self.varnish_dir}",
                "-s",
                "malloc,128m",
            ],
            stdout=open(self.work_dir / "varnish.log", "ab"),
            stderr=subprocess.STDOUT,
        )
        self.processes["varnish"] = process
        wait_for(f"{self.edge_url}/healthz", process=process)
        return process

    def stop(self, name):
        process = self.processes.pop(name, None)
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def stop_all(self):
        for name in list(self.processes):
            self.stop(name)
        if self.varnish_dir is not None:
            shutil.rmtree(self.varnish_dir, ignore_errors=True)
            self.varnish_dir = None


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def main():
    """`make edge`: migrate, then serve EDGE_APP_PORTS behind Varnish on EDGE_PORT until Ctrl-C."""
    edge_port = int(os.environ.get("EDGE_PORT", 8080))
    app_ports = [int(port) for port in os.environ.get("EDGE_APP_PORTS", "8001 8002").split()]
    work_dir = BASE_DIR / "var" / "edge"
    work_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "NEWSROOM_HTTPS": os.environ.get("NEWSROOM_HTTPS", "0"),
        "NEWSROOM_EDGE_PURGE_URLS": f"http://127.0.0.1:{edge_port}/",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "-v0")
    stack = Stack(edge_port, app_ports, env, work_dir)
    # Ctrl-C, or a TERM from whoever started us (even in the background): stop every process.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        for index in range(len(app_ports)):
            stack.start_app(index)
        stack.start_edge()
        instances = [stack.app_url(index) for index in range(len(app_ports))]
        print(f"Varnish at {stack.edge_url}/ in front of", *instances)
        print(f"Logs in {work_dir}. Ctrl-C stops everything.")
        while all(process.poll() is None for process in stack.processes.values()):
            time.sleep(1)
        print("A process stopped; see its log.")
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop_all()


if __name__ == "__main__":
    main()
