"""``python -m ordinavo_desk.sandbox``: run the sandbox server in the foreground."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.sandbox.api_errors import ErrorFormat
from ordinavo_desk.sandbox.faults import FaultSpec
from ordinavo_desk.sandbox.key_registry import KeyRegistry, hash_key
from ordinavo_desk.sandbox.reference_feed import warm_wire_bodies
from ordinavo_desk.sandbox.sandbox_store import SandboxStore
from ordinavo_desk.sandbox.seed import (
    DEMO_KEYS,
    import_targets,
    item_count,
    load_reference_file,
    read_json_values,
)
from ordinavo_desk.sandbox.server import serve


def prepare(
    data: Path, keys: Path | None, reference: Path | None, items: Path | None, key_name: str | None
) -> None:
    """Load reference data and import items into the data file, once: a file that holds
    reference data (or items) already is left as it is."""
    registry = KeyRegistry.from_file(keys) if keys is not None else KeyRegistry(DEMO_KEYS.values())
    grants = registry.grants()
    grant = next((g for g in grants if g.name == key_name), None) if key_name else grants[0]
    if grant is None:
        raise InputError(f"no key named '{key_name}'", field="--items-key")
    store = SandboxStore(data)
    try:
        if reference is not None and store.is_empty():
            count = load_reference_file(store, reference, grant.tenant)
            print(f"loaded {count} customer(s) from {reference}", file=sys.stderr)
            warm_wire_bodies(store)
        if items is not None and item_count(store, grant.tenant) == 0:
            engine = MappingEngine(store.load_index())
            # the index is long-lived: keep the collector from scanning it again and again
            gc.collect()
            gc.freeze()
            counts = import_targets(
                store, engine, grant, read_json_values(items, ("targets", "items"))
            )
            summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            print(f"imported {items} as key '{grant.name}': {summary}", file=sys.stderr)
    finally:
        store.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ordinavo-desk sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data", type=Path, help="SQLite file of the sandbox (default: memory)")
    parser.add_argument("--keys", type=Path, help="keys file (default: the demo keys)")
    parser.add_argument("--faults", default="", help="e.g. 'latency=50-200,error503=0.1'")
    parser.add_argument("--plain-v1", action="store_true", help="no review extension")
    parser.add_argument("--problem-errors", action="store_true", help="older error format")
    parser.add_argument("--hash-key", metavar="KEY", help="print a key's SHA-256 and exit")
    parser.add_argument(
        "--reference",
        type=Path,
        metavar="FILE",
        help="load this reference data (JSON or JSON Lines) into --data instead of the demo data",
    )
    parser.add_argument(
        "--items",
        type=Path,
        metavar="FILE",
        help="import these targets (JSON or JSON Lines) into --data, mapped by the engine",
    )
    parser.add_argument("--items-key", metavar="NAME", help="key the items are imported as")
    parser.add_argument(
        "--prepare-only", action="store_true", help="load --reference/--items, then exit"
    )
    args = parser.parse_args(argv)
    if args.hash_key:
        print(hash_key(args.hash_key))
        return 0
    if (args.reference or args.items or args.prepare_only) and args.data is None:
        parser.error("--reference, --items and --prepare-only need --data FILE")
    try:
        FaultSpec.parse(args.faults)
        if args.reference or args.items:
            prepare(args.data, args.keys, args.reference, args.items, args.items_key)
        if args.prepare_only:
            return 0
        if args.keys is None:
            print("demo keys: " + ", ".join(DEMO_KEYS))
        serve(
            args.host,
            args.port,
            args.data,
            args.keys,
            args.faults,
            review_extension=not args.plain_v1,
            error_format=ErrorFormat.PROBLEM if args.problem_errors else ErrorFormat.ENVELOPE,
        )
    except InputError as exc:
        print(f"ordinavo-desk sandbox: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
