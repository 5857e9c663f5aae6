"""Benchmark of the matching engine (``python -m benchmarks.matching --help``)."""
