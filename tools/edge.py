"""Two (or more) app instances behind Varnish on one machine: `make edge` and the edge tests.

The instances are gunicorn processes started from this checkout (tools.site), each purging the
Varnish in front of them. Without Redis each instance keeps its own local page cache, validated
against the versions in the shared database.
"""

import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools import site


@dataclass
class Stack:
    edge_port: int
    app_ports: list
    env: dict
    work_dir: Path
    vcl: Path = site.VCL
    apps: dict = field(default_factory=dict)
    varnish: site.Varnish | None = None

    @property
    def edge_url(self):
        return f"http://127.0.0.1:{self.edge_port}"

    def app_url(self, index):
        return f"http://127.0.0.1:{self.app_ports[index]}"

    def app_log(self, index):
        return self.work_dir / f"app-{self.app_ports[index]}.log"

    def start_app(self, index, **extra_env):
        port = self.app_ports[index]
        self.apps[port] = site.start_gunicorn(
            {**self.env, **extra_env},
            port=port,
            log_path=self.app_log(index),
            workers=int(os.environ.get("EDGE_APP_WORKERS", "1")),
        )
        return self.apps[port]

    def stop_app(self, index):
        process = self.apps.pop(self.app_ports[index], None)
        if process is not None:
            site.stop(process)

    def start_edge(self):
        self.varnish = site.start_varnish(
            port=self.edge_port,
            backends=[f"127.0.0.1:{port}" for port in self.app_ports],
            log_path=self.work_dir / "varnish.log",
            vcl=self.vcl,
        )
        return self.varnish

    def stop_edge(self):
        if self.varnish is not None:
            self.varnish.stop()
            self.varnish = None

    def processes(self):
        return [*self.apps.values(), *([self.varnish.process] if self.varnish else [])]

    def stop_all(self):
        self.stop_edge()
        # Every instance started, including one whose port has since left app_ports.
        while self.apps:
            site.stop(self.apps.popitem()[1])


def main():
    """`make edge`: migrate, then serve EDGE_APP_PORTS behind Varnish on EDGE_PORT until Ctrl-C."""
    edge_port = int(os.environ.get("EDGE_PORT", 8080))
    app_ports = [int(port) for port in os.environ.get("EDGE_APP_PORTS", "8001 8002").split()]
    work_dir = site.BASE_DIR / "var" / "edge"
    work_dir.mkdir(parents=True, exist_ok=True)
    # The developer's own site, as `make serve` runs it: their database, cache and secret key.
    env = {
        **os.environ,
        "NEWSROOM_HTTPS": os.environ.get("NEWSROOM_HTTPS", "0"),
        "NEWSROOM_EDGE_PURGE_URLS": f"http://127.0.0.1:{edge_port}/",
    }
    site.manage(env, "migrate", "--noinput")
    site.manage(env, "collectstatic", "--noinput", "-v0")
    stack = Stack(edge_port, app_ports, env, work_dir)
    # Ctrl-C, or a TERM from whoever started us (even in the background): stop every process.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        for index in range(len(app_ports)):
            stack.start_app(index)
        stack.start_edge()
        instances = [stack.app_url(index) for index in range(len(app_ports))]
        print(f"Varnish at {stack.edge_url}/ in front of", *instances, flush=True)
        print(f"Logs in {work_dir}. Ctrl-C stops everything.", flush=True)
        while all(process.poll() is None for process in stack.processes()):
            time.sleep(1)
        print("A process stopped; see its log.")
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop_all()


if __name__ == "__main__":
    main()
