"""Write a backends.vcl for newsroom.vcl: the app instances Varnish balances between.

    python deploy/varnish/write_backends.py 127.0.0.1:8001 127.0.0.1:8002 > var/edge/backends.vcl

Each instance is probed on /healthz; one that fails leaves the rotation, and while none is up
Varnish serves its stale copies (stale-if-error). Standard library only.
"""

import sys

BACKEND = """backend app{number} {{
    .host = "{host}";
    .port = "{port}";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = {{
        .url = "/healthz";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }}
}}
"""


def backends_vcl(addresses):
    parts = ["# Written by deploy/varnish/write_backends.py; newsroom.vcl includes it.\n"]
    for number, address in enumerate(addresses, start=1):
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise SystemExit(f"Not host:port: {address!r}")
        parts.append(BACKEND.format(number=number, host=host.strip("[]"), port=port))
    parts.append("sub vcl_init {\n    new newsroom = directors.round_robin();\n")
    for number in range(1, len(addresses) + 1):
        parts.append(f"    newsroom.add_backend(app{number});\n")
    parts.append("}\n")
    return "".join(parts)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    sys.stdout.write(backends_vcl(sys.argv[1:]))
