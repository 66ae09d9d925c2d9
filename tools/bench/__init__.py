"""`make bench` (docs/benchmark.md): `python -m tools.bench`."""
