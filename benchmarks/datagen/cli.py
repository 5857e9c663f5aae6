"""Command line of the generator."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.datagen.world import generate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.datagen",
        description="Generate realistic reference data, import items and their truth.",
    )
    parser.add_argument("--customers", type=int, required=True, help="customers in total")
    parser.add_argument("--items", type=int, help="import items (default: customers / 10)")
    parser.add_argument("--seed", default="1", help="seed; the same seed gives the same files")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--quiet", action="store_true", help="print no summary")
    args = parser.parse_args(argv)
    if args.customers < 1:
        parser.error("--customers must be at least 1")
    items = args.items if args.items is not None else max(1, args.customers // 10)
    started = time.perf_counter()
    summary = generate(args.out, customers=args.customers, items=items, seed=args.seed)
    if not args.quiet:
        elapsed = time.perf_counter() - started
        for key, value in summary.items():
            print(f"{key}: {value}", file=sys.stderr)
        print(f"seconds: {elapsed:.1f}", file=sys.stderr)
    return 0
