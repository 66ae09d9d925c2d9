"""CPU time and resident memory of a server's processes, read from /proc (Linux)."""

import os
from pathlib import Path

PROC = Path("/proc")


def read_stat(pid, proc=PROC):
    """(ppid, utime + stime, cutime + cstime) of one process, in clock ticks.

    The command name in parentheses may hold spaces and parentheses, so fields are counted
    from the last ")".
    """
    text = (proc / str(pid) / "stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    # After the name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17).
    ppid = int(fields[1])
    own = int(fields[11]) + int(fields[12])
    children = int(fields[13]) + int(fields[14])
    return ppid, own, children


def children_of(pid, proc=PROC):
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid, _, _ = read_stat(int(entry.name), proc)
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
        if ppid == pid:
            found.append(int(entry.name))
    return found


def tree_cpu_seconds(pid, proc=PROC, ticks_per_second=None):
    """CPU seconds used so far by ``pid`` and all its descendants, living or reaped.

    A reaped child's time is already counted in its parent's cutime/cstime, so a worker that was
    killed and replaced in the middle of a run is not lost.
    """
    ticks_per_second = ticks_per_second or os.sysconf("SC_CLK_TCK")
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            _, own, children = read_stat(current, proc)
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += own + children
        pending.extend(children_of(current, proc))
    return total / ticks_per_second


def resident_bytes(pid, proc=PROC):
    for line in (proc / str(pid) / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            value, unit = line.split()[1:3]
            assert unit == "kB", line
            return int(value) * 1024
    raise ValueError(f"no VmRSS for process {pid}")
