"""Running wrk and reading what it prints (`wrk --latency`)."""

import re
import subprocess
from dataclasses import dataclass, field

TIME_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
SIZE_UNITS = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}

# Counts 5xx answers in each wrk thread and prints the total once the run ends; only used where
# 5xx must be told apart from other non-2xx answers, because a response() hook slows wrk down.
SERVER_ERRORS_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) server_errors = 0 end
function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("server_errors") end
  io.write(string.format("Server errors (5xx): %d\\n", total))
end
"""


@dataclass
class WrkResult:
    requests: int
    duration_s: float
    requests_per_s: float
    latency_s: dict = field(default_factory=dict)  # percentile (50, 75, 90, 99) -> seconds
    bytes_read: int = 0
    socket_errors: dict = field(default_factory=dict)  # connect, read, write, timeout
    non_2xx_3xx: int = 0
    server_errors: int | None = None  # 5xx, only when counted with SERVER_ERRORS_LUA

    @property
    def timeouts(self):
        return self.socket_errors.get("timeout", 0)

    @property
    def failed(self):
        return sum(self.socket_errors.values()) + self.non_2xx_3xx


def parse_duration(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * TIME_UNITS[match[2]]


def parse_size(text):
    match = re.fullmatch(r"([\d.]+)(B|KB|MB|GB|TB)", text.strip())
    if not match:
        raise ValueError(f"not a wrk size: {text!r}")
    return round(float(match[1]) * SIZE_UNITS[match[2]])


def parse_wrk_output(text):
    """The numbers of one wrk run from its standard output (run with ``--latency``)."""
    totals = re.search(r"^\s*(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read", text, re.M)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    if not totals or not rate:
        raise ValueError(f"wrk printed no totals:\n{text}")
    latency = {
        int(percent): parse_duration(value)
        for percent, value in re.findall(r"^\s+(\d+)%\s+([\d.]+\w+)\s*$", text, re.M)
    }
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    socket_errors = (
        dict(zip(("connect", "read", "write", "timeout"), map(int, errors.groups()), strict=True))
        if errors
        else {}
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    server_errors = re.search(r"Server errors \(5xx\): (\d+)", text)
    return WrkResult(
        requests=int(totals[1]),
        duration_s=parse_duration(totals[2]),
        requests_per_s=float(rate[1]),
        latency_s=latency,
        bytes_read=parse_size(totals[3]),
        socket_errors=socket_errors,
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
        server_errors=int(server_errors[1]) if server_errors else None,
    )


def wrk_command(url, *, duration_s, connections, threads, timeout_s, script=None):
    command = [
        "wrk",
        "--latency",
        f"--duration={duration_s}s",
        f"--connections={connections}",
        f"--threads={min(threads, connections)}",
        f"--timeout={timeout_s}s",
    ]
    if script:
        command.append(f"--script={script}")
    return [*command, url]


def run_wrk(url, **options):
    command = wrk_command(url, **options)
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stderr}{completed.stdout}")
    return parse_wrk_output(completed.stdout)
