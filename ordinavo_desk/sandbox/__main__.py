"""``python -m ordinavo_desk.sandbox``: run the sandbox server in the foreground."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.sandbox.api_errors import ErrorFormat
from ordinavo_desk.sandbox.faults import FaultSpec
from ordinavo_desk.sandbox.key_registry import hash_key
from ordinavo_desk.sandbox.seed import DEMO_KEYS
from ordinavo_desk.sandbox.server import serve


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
    args = parser.parse_args(argv)
    if args.hash_key:
        print(hash_key(args.hash_key))
        return 0
    try:
        FaultSpec.parse(args.faults)
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
