"""Benchmark: ``sync --pull-only`` of a large tenant into a fresh SQLite store.

    python -m benchmarks.pull [--customers 125000] [--review-items 10000] [--work DIR]

The sandbox runs in its own process on loopback with the reference data of
``benchmarks.datagen`` (``--customers`` in all; the main tenant, which the benchmark key
belongs to, gets about 80 % of them: 125,000 give about 100,000 customers with about 2.65
locations each) and ``--review-items`` items waiting for review (imported under
ManualOnly, so each one carries ranked candidates). The first run generates the data and
prepares the sandbox's data file (minutes: every item is mapped against the index); later
runs reuse both from ``--work``.

The pull itself runs in this process through ``SyncService`` (what ``ordinavo-desk sync
--pull-only`` calls), into a fresh SQLite store. Reported: wall time of the pull, peak RSS
of this process (``ru_maxrss``) and its RSS sampled after every page, to show that memory
stays flat while pages stream through; then a second pull, which only fetches changes.
Target: the first pull in under 30 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks.sandbox_setup import (
    BENCH_KEY,
    BENCH_SOURCE,
    BENCH_TENANT,
    DEFAULT_WORK,
    generate_world,
    log,
    machine,
    prepare_sandbox_data,
    reviewable_targets,
    sandbox_process,
    write_keys,
)

TARGET_SECONDS = 30.0


def rss_mib() -> float:
    """The current resident set size of this process in MiB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1024 / 1024


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Samples:
    """RSS after every page: (seconds since the start, phase, records so far, MiB)."""

    started: float = field(default_factory=time.perf_counter)
    rows: list[tuple[float, str, int, float]] = field(default_factory=list)

    def add(self, phase: str, done: int) -> None:
        self.rows.append((time.perf_counter() - self.started, phase, done, rss_mib()))


def prepare(args: argparse.Namespace) -> tuple[Path, Path]:
    work: Path = args.work
    world = generate_world(work, args.customers, args.generated_items)
    settings = json.loads((world / "settings-manual-only.json").read_text(encoding="utf-8"))
    for name in ("tenant", "sourceSystem", "scopes"):
        settings.pop(name, None)
    keys = write_keys(work / "keys-manual-only.json", settings)
    stem = f"pull-{args.customers}-{args.review_items}"
    data = work / f"sandbox-{stem}.sqlite"
    if not data.exists():
        items = reviewable_targets(
            world / "items.jsonl", args.review_items, work / f"items-{stem}.jsonl"
        )
        prepare_sandbox_data(data, keys, world / "reference.jsonl", items)
    return data, keys


def run_pull(
    base_url: str, db_path: Path, page_size: int, label: str, *, prefetch: bool = False
) -> dict[str, object]:
    # imported here so that the baseline RSS above is that of a bare interpreter
    from ordinavo_desk.connect.client import ClientSettings, ConnectClient  # noqa: PLC0415
    from ordinavo_desk.domain.profile import Profile  # noqa: PLC0415
    from ordinavo_desk.domain.settings import MappingSettings  # noqa: PLC0415
    from ordinavo_desk.services.data_key import install_data_key  # noqa: PLC0415
    from ordinavo_desk.services.profile_service import ProfileService  # noqa: PLC0415
    from ordinavo_desk.services.sync_service import PullProgress, SyncService  # noqa: PLC0415
    from ordinavo_desk.store.database import Store  # noqa: PLC0415

    install_data_key()  # contacts are stored encrypted, as the desk does
    store = Store(f"sqlite:///{db_path}")
    profiles = ProfileService(store)
    try:
        profile = profiles.get("bench")
    except Exception:  # noqa: BLE001 - first run: create it
        profile = Profile(
            name="bench",
            settings=MappingSettings(tenant=BENCH_TENANT, source_system=BENCH_SOURCE),
            base_url=base_url,
        )
        profiles.save(profile)
    samples = Samples()
    pages = {"reference": 0, "items": 0}

    def progress(step: PullProgress) -> None:
        pages[step.phase] = step.pages
        samples.add(step.phase, step.done)

    samples.add("start", 0)
    started = time.perf_counter()
    with httpx.Client() as http:
        client = ConnectClient(http, BENCH_KEY, ClientSettings(base_url=base_url))
        summary = SyncService(store).pull(
            profile, client, progress=progress, page_size=page_size, prefetch=prefetch
        )
    seconds = time.perf_counter() - started
    store.dispose()
    rss = [row[3] for row in samples.rows]
    log(
        f"{label}: {seconds:.1f} s; reference {summary.reference.customers:,} customers in "
        f"{pages['reference']} page(s), items {summary.items.seen:,} seen / "
        f"{summary.items.fetched:,} fetched in {pages['items']} page(s); "
        f"RSS {min(rss):.0f}..{max(rss):.0f} MiB, peak {peak_rss_mib():.0f} MiB"
    )
    return {
        "seconds": round(seconds, 2),
        "referenceCustomers": summary.reference.customers,
        "referencePages": pages["reference"],
        "itemsSeen": summary.items.seen,
        "itemsFetched": summary.items.fetched,
        "itemPages": pages["items"],
        "rssMiB": [round(row[3], 1) for row in samples.rows],
        "samples": [
            {"t": round(t, 2), "phase": phase, "done": done, "rssMiB": round(mib, 1)}
            for t, phase, done, mib in samples.rows
        ],
        "peakRssMiB": round(peak_rss_mib(), 1),
    }


def print_rss_table(samples: list[dict[str, object]], every: int) -> None:
    print("  t (s)   phase       records   RSS (MiB)")
    for number, row in enumerate(samples):
        if number % every == 0 or number == len(samples) - 1:
            print(f"  {row['t']:>6}  {row['phase']:<10} {row['done']:>9,}   {row['rssMiB']:>8}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pull", description=__doc__)
    parser.add_argument("--customers", type=int, default=125_000, help="customers generated")
    parser.add_argument("--generated-items", type=int, default=30_000)
    parser.add_argument("--review-items", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=500)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK / "pull")
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument(
        "--prefetch", action="store_true", help="fetch the next reference page while storing"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    data, keys = prepare(args)
    if args.prepare_only:
        return 0
    baseline = rss_mib()
    db_path = args.work / "desk-pull.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    context = machine()
    with sandbox_process(data, keys) as sandbox:
        prefetch = args.prefetch
        first = run_pull(sandbox.base_url, db_path, args.page_size, "first pull", prefetch=prefetch)
        second = run_pull(
            sandbox.base_url, db_path, args.page_size, "second pull", prefetch=prefetch
        )
    print(f"machine: {context}")
    print(f"reference pages fetched ahead while storing: {'yes' if args.prefetch else 'no'}")
    print(f"baseline RSS before the pull: {baseline:.0f} MiB")
    print(
        f"first pull:  {first['seconds']} s (target < {TARGET_SECONDS:.0f} s), "
        f"{first['referenceCustomers']:,} customers, {first['itemsFetched']:,} items, "
        f"peak RSS {first['peakRssMiB']} MiB"
    )
    samples = first["samples"]
    assert isinstance(samples, list)
    print_rss_table(samples, max(1, len(samples) // 20))
    print(
        f"second pull: {second['seconds']} s, {second['referenceCustomers']:,} customers, "
        f"{second['itemsFetched']:,} items fetched of {second['itemsSeen']:,} seen"
    )
    if args.json is not None:
        args.json.write_text(
            json.dumps({"machine": context, "first": first, "second": second}, indent=1)
        )
    ok = float(str(first["seconds"])) < TARGET_SECONDS
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
