"""`make bench` (README, "Benchmark"): `python -m tools.bench`."""
