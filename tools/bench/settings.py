"""The production settings plus the benchmark's floor view (tools/bench/urls.py).

Used only by `make bench`: everything else (middleware, caches, DEBUG off) is what `make serve`
runs, so the floor passes through exactly what a page passes through.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "tools.bench.urls"
