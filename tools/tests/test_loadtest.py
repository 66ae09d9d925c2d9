"""The load test, short: 8 connections for 5 s on PostgreSQL, served as by `make serve`. The full
run (`make loadtest`: 64 connections, 30 s) is a developer target;
its numbers are in docs/operations.md."""

import re
import subprocess
import sys

from tools.site import BASE_DIR, free_port


def test_a_short_load_of_readers_and_desk_saves_has_no_5xx_and_loses_no_save(
    postgres_cluster, tmp_path
):
    database_url = postgres_cluster.create_database("loadtest")

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.ops.loadtest",
            "--connections=8",
            "--duration=5",
            "--articles=4",
            f"--database-url={database_url}",
            f"--port={free_port(8740, 8749)}",
            f"--site-dir={tmp_path}",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )

    report = result.stdout
    assert result.returncode == 0, report + result.stderr
    assert re.search(r"^5xx +0$", report, re.M)
    assert re.search(r"^lost saves +0 ", report, re.M)
    assert re.search(r"^missing history +0 ", report, re.M)
    accepted = int(re.search(r"^desk saves +\d+: (\d+) accepted", report, re.M)[1])
    reads = int(re.search(r"^reader pages +(\d+)$", report, re.M)[1])
    assert accepted >= 1 and reads >= 1
