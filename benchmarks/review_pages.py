"""Benchmark: ``GET /review/items`` pages of 500 on a sandbox with 100,000 review items.

    python -m benchmarks.review_pages [--items 100000] [--rounds 3] [--work DIR]

The sandbox runs in its own process on loopback. Its items are targets of
``benchmarks.datagen`` (read again with suffixed external ids until there are enough),
imported against the demo reference data, so that nearly all of them wait for review
with a mix of statuses and warnings. The first run prepares the data file (minutes);
later runs reuse it from ``--work``.

Timed: each page request from sending it to having read the whole answer (the server's
work plus loopback), walking the cursor through the whole queue, unfiltered and
filtered (by status, by a common warning, by a rare warning). Also shown: the same walk
through ``ConnectClient.review_pages``, which adds the client's parsing and validation.
Target: p95 < 50 ms per page.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

from benchmarks.sandbox_setup import (
    BENCH_KEY,
    DEFAULT_WORK,
    generate_world,
    log,
    machine,
    percentile,
    prepare_sandbox_data,
    reviewable_targets,
    sandbox_process,
    write_keys,
)
from ordinavo_desk.connect.client import ClientSettings, ConnectClient
from ordinavo_desk.sandbox.seed import demo_reference

TARGET_P95_MS = 50.0
PAGE = 500
SETTINGS = {
    "strategy": "ExternalIdThenNameAndAddress",
    "autoCreate": {"customer": False, "location": True, "contact": True},
}


def prepare(work: Path, items: int) -> tuple[Path, Path]:
    world = generate_world(work, 20_000, 30_000)
    keys = write_keys(work / "keys-review-pages.json", SETTINGS)
    data = work / f"sandbox-review-{items}.sqlite"
    if not data.exists():
        reference = work / "demo-reference.json"
        customers = [c.model_dump(mode="json", by_alias=True) for c in demo_reference()]
        reference.write_text(json.dumps({"customers": customers}), encoding="utf-8")
        targets = reviewable_targets(
            world / "items.jsonl", items, work / f"items-review-{items}.jsonl", repeat=True
        )
        prepare_sandbox_data(data, keys, reference, targets)
    return data, keys


def walk_raw(http: httpx.Client, base_url: str, params: dict[str, str]) -> tuple[list[float], int]:
    """Walk the queue with plain HTTP; answers each page's milliseconds and the items."""
    headers = {"Authorization": f"Bearer {BENCH_KEY}", "Accept": "application/json"}
    times: list[float] = []
    total = 0
    cursor: str | None = None
    while True:
        query = {**params, "limit": str(PAGE), **({"cursor": cursor} if cursor else {})}
        started = time.perf_counter()
        answer = http.get(base_url + "/review/items", params=query, headers=headers)
        body = answer.content
        times.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
        page = json.loads(body)
        total += len(page["items"])
        cursor = page["nextCursor"]
        if not cursor:
            return times, total


def walk_client(client: ConnectClient) -> tuple[list[float], int]:
    times: list[float] = []
    total = 0
    pages = client.review_pages(limit=PAGE)
    while True:
        started = time.perf_counter()
        page = next(pages, None)
        if page is None:
            return times, total
        times.append((time.perf_counter() - started) * 1000)
        total += len(page.items)


def describe(times: list[float]) -> str:
    return (
        f"p50 {percentile(times, 0.50):6.1f} ms   p95 {percentile(times, 0.95):6.1f} ms   "
        f"max {max(times):6.1f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.review_pages", description=__doc__)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="walks per case")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK / "review-pages")
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    data, keys = prepare(args.work, args.items)
    if args.prepare_only:
        return 0
    context = machine()
    results: dict[str, dict[str, float | int]] = {}
    ok = True
    with sandbox_process(data, keys) as sandbox, httpx.Client() as http:
        # what the queue holds, to pick filters: the commonest status and warnings
        statuses: Counter[str] = Counter()
        warnings: Counter[str] = Counter()
        client = ConnectClient(http, BENCH_KEY, ClientSettings(base_url=sandbox.base_url))
        for page in client.review_pages(limit=PAGE):
            for item in page.items:
                statuses[item.status] += 1
                warnings.update(item.warnings)
        log(f"queue: {sum(statuses.values()):,} items; statuses {dict(statuses)}")
        log(f"warnings: {dict(warnings.most_common())}")
        rare_warning = min(warnings, key=lambda w: warnings[w]) if warnings else "none"
        cases: dict[str, dict[str, str]] = {
            "all": {},
            f"status={statuses.most_common()[-1][0]}": {"status": statuses.most_common()[-1][0]},
        }
        if warnings:
            common = warnings.most_common(1)[0][0]
            cases[f"warning={common}"] = {"warning": common}
            cases[f"warning={rare_warning} (rare)"] = {"warning": rare_warning}
        for name, params in cases.items():
            times: list[float] = []
            total = 0
            for _round in range(args.rounds):
                walked, total = walk_raw(http, sandbox.base_url, params)
                times += walked
            p95 = percentile(times, 0.95)
            results[name] = {
                "pages": len(times),
                "items": total,
                "p50": round(percentile(times, 0.50), 2),
                "p95": round(p95, 2),
                "max": round(max(times), 2),
            }
            ok = ok and p95 < TARGET_P95_MS
            log(f"{name:<45} {total:>7,} items, {len(times):>4} pages: {describe(times)}")
        client_times: list[float] = []
        for _round in range(args.rounds):
            walked, _total = walk_client(client)
            client_times += walked
        results["all, through ConnectClient"] = {
            "pages": len(client_times),
            "p50": round(percentile(client_times, 0.50), 2),
            "p95": round(percentile(client_times, 0.95), 2),
            "max": round(max(client_times), 2),
        }
    print(f"machine: {context}")
    print(f"GET /review/items, pages of {PAGE}, {args.rounds} walk(s) per case:")
    for name, figures in results.items():
        print(
            f"  {name:<45} pages {figures['pages']:>4}   p50 {figures['p50']:6.1f} ms   "
            f"p95 {figures['p95']:6.1f} ms   max {figures['max']:6.1f} ms"
        )
    if args.json is not None:
        args.json.write_text(json.dumps({"machine": context, "results": results}, indent=1))
    print(f"target p95 < {TARGET_P95_MS:.0f} ms: " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
