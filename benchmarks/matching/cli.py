"""``python -m benchmarks.matching --data DIR``: parse, index, map and assess generated data.

DIR is an output of ``python -m benchmarks.datagen`` (reference.jsonl, items.jsonl,
truth.jsonl, settings-*.json). Every timing says what it covers: reading and validating
JSON is timed apart from adding records to the index and from mapping. Items are mapped
with ``map_item`` against the pristine index (nothing applied between items), so that each
strategy sees the same reference data; ``ordinavo-desk match`` (which applies as it goes)
is timed end to end separately.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.matching.memory import peak_rss_mb, rss_mb
from benchmarks.matching.naive import full_scan_best
from benchmarks.matching.quality import ItemRecord, Quality, assess
from benchmarks.matching.timing import Latencies
from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching.blocking import postal_key
from ordinavo_desk.matching.engine import ItemOutcome, MappingEngine
from ordinavo_desk.matching.geo import distance_m
from ordinavo_desk.matching.index import ReferenceIndex, collector_paused
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    LocationRecord,
    RefRuns,
    add_to_runs,
    records_of,
)
from ordinavo_desk.matching.scoring import Probe
from ordinavo_desk.services.payload_files import (
    ParsedTarget,
    iter_reference,
    read_settings_document,
    read_targets,
    settings_from,
)

STRATEGY_FILES = {
    "ExternalIdThenNameAndAddress": "settings-external-id-then-name-and-address.json",
    "ExternalIdFirst": "settings-external-id-first.json",
    "ExternalIdThenCustomerNumber": "settings-external-id-then-customer-number.json",
    "ExternalIdOnly": "settings-external-id-only.json",
    "ManualOnly": "settings-manual-only.json",
}
MAIN = "ExternalIdThenNameAndAddress"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def load_index(path: Path, tenant: str) -> tuple[ReferenceIndex, dict[str, Any]]:
    """Read the reference file into compact records (the snapshot a store streams), the
    references into runs of one source and type, then build the index from them; JSON
    parsing and validation, conversion to records and the index build are timed
    apart."""
    customers: list[CustomerRecord] = []
    locations: list[LocationRecord] = []
    contacts: list[ContactRecord] = []
    # references as runs of one tenant, source and type in two columns (a tuple each,
    # held until the build, would take some 600 MB at 1M that the index never keeps)
    runs: RefRuns = {}
    parse_s = convert_s = 0.0
    stream = iter_reference(path, tenant)
    with collector_paused():
        while True:
            started = time.perf_counter()
            parsed = next(stream, None)
            parsed_at = time.perf_counter()
            parse_s += parsed_at - started
            if parsed is None:
                break
            own = records_of(parsed.customer, parsed.tenant)
            customers.append(own.customer)
            locations += own.locations
            contacts += own.contacts
            add_to_runs(runs, own.refs)
            convert_s += time.perf_counter() - parsed_at
    # records of one kind and tenant together, as a store streams them
    for rows in (customers, locations, contacts):
        rows.sort(key=lambda record: record.tenant)
    rss_records = rss_mb()
    started = time.perf_counter()
    index = ReferenceIndex.from_rows(
        customers, locations, contacts, external_ref_runs=runs.values(), long_lived=True
    )
    build_s = time.perf_counter() - started
    figures = {
        "customers": len(customers),
        "locations": len(locations),
        "contacts": len(contacts),
        "external_refs": sum(len(run.external_ids) for run in runs.values()),
        "parse_seconds": round(parse_s, 1),
        "convert_seconds": round(convert_s, 1),
        "build_seconds": round(build_s, 1),
        "rss_records_mb": round(rss_records),
    }
    del customers, locations, contacts, runs
    gc.collect()
    gc.freeze()
    figures["rss_index_mb"] = round(rss_mb())
    figures["peak_rss_mb"] = round(peak_rss_mb())
    return index, figures


def _address_intact(target: InboundTarget, truth: dict[str, Any], index: ReferenceIndex) -> bool:
    location_id = truth.get("customerLocationId")
    if not isinstance(location_id, int):
        return False
    stored = index.tenant(truth["tenant"]).location(location_id)
    incoming = target.incoming_address()
    if stored is None or incoming is None:
        return False
    same_postal = incoming.postal_code is not None and postal_key(
        incoming.postal_code, incoming.country
    ) == postal_key(stored.postal_code, stored.country)
    near = (
        incoming.latitude is not None
        and incoming.longitude is not None
        and stored.latitude is not None
        and stored.longitude is not None
        and distance_m(incoming.latitude, incoming.longitude, stored.latitude, stored.longitude)
        <= 150
    )
    return same_postal or near


def _record(outcome: ItemOutcome, truth: dict[str, Any], intact: bool) -> ItemRecord:
    created = {c.id for c in outcome.changes.customers}
    linked = outcome.links.customer_id
    return ItemRecord(
        kind=truth["kind"],
        truth=truth["customerId"],
        status=outcome.result.status.value,
        linked=linked if linked is not None and linked not in created else None,
        created_customer=bool(created),
        top3=tuple(c.customer_id for c in outcome.result.candidates[:3]),
        address_intact=intact,
    )


def run_strategy(
    engine: MappingEngine,
    settings: MappingSettings,
    items: Sequence[ParsedTarget],
    truths: Sequence[dict[str, Any]],
    intact: Sequence[bool],
) -> tuple[Latencies, Quality]:
    samples: list[float] = []
    records: list[ItemRecord] = []
    for parsed, truth, ok in zip(items, truths, intact, strict=True):
        started = time.perf_counter()
        outcome = engine.map_item(parsed.target, settings)
        samples.append(time.perf_counter() - started)
        records.append(_record(outcome, truth, ok))
    return Latencies.of(samples), assess(records)


def external_id_only_rate(
    engine: MappingEngine, settings: MappingSettings, lines: Sequence[str]
) -> Latencies:
    """Items that carry external ids only, every one of the file: JSON parsing,
    validation and mapping. The first is mapped once before the timing starts and not
    counted: the result models build their validators on first use (``defer_build``), a
    cost of the process, not of an item."""
    if lines:
        engine.map_item(InboundTarget.model_validate_json(lines[0]), settings)
    samples: list[float] = []
    for line in lines[1:]:
        started = time.perf_counter()
        target = InboundTarget.model_validate_json(line)
        engine.map_item(target, settings)
        samples.append(time.perf_counter() - started)
    return Latencies.of(samples)


def naive_comparison(
    engine: MappingEngine,
    settings: MappingSettings,
    items: Sequence[ParsedTarget],
    sample: int,
    seed: int,
) -> dict[str, Any]:
    """Full scans on a sample of items with a name and an address, against the engine."""
    eligible = [
        p for p in items if p.target.customer and p.target.customer.name and p.target.location
    ]
    chosen = random.Random(seed).sample(eligible, min(sample, len(eligible)))
    tenant = engine.index.tenant(settings.tenant)
    scan_s = engine_s = 0.0
    same_top = found = 0
    for parsed in chosen:
        target = parsed.target
        probe = Probe.of(
            target.customer.name if target.customer else None, target.incoming_address()
        )
        started = time.perf_counter()
        best = full_scan_best(tenant, probe)
        scanned = time.perf_counter()
        outcome = engine.map_item(target, settings)
        engine_s += time.perf_counter() - scanned
        scan_s += scanned - started
        candidates = [c.customer_id for c in outcome.result.candidates]
        if best is not None and best.score >= settings.name_and_address.floor:
            found += best.customer_id in candidates
            same_top += bool(candidates) and candidates[0] == best.customer_id
        else:
            found += 1
            same_top += 1
    n = max(1, len(chosen))
    return {
        "items": len(chosen),
        "full_scan_ms_per_item": round(scan_s / n * 1000, 1),
        "engine_ms_per_item": round(engine_s / n * 1000, 2),
        "full_scan_best_among_engine_candidates": f"{found}/{len(chosen)}",
        "same_top_customer": f"{same_top}/{len(chosen)}",
    }


def _quality_row(q: Quality) -> dict[str, Any]:
    return {
        "precision": round(q.precision, 4),
        "auto_linked": q.auto_linked,
        "recall_intact": round(q.recall, 4),
        "recall_base": q.recall_base,
        "review_share": round(q.review_share, 4),
        "recall_at_3": round(q.recall_at_3, 4),
        "review_known": q.review_known,
        "created_again_share": round(q.created_again_share, 4),
        "trap_wrong_links": q.trap_wrong,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.matching", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="a datagen output directory")
    parser.add_argument("--items", type=int, help="map only the first N items")
    parser.add_argument(
        "--strategies",
        nargs="+",
        choices=sorted(STRATEGY_FILES),
        default=list(STRATEGY_FILES),
        help="strategies to run (default: all five)",
    )
    parser.add_argument("--naive", type=int, default=5, help="items for the full-scan sample")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--index-only",
        action="store_true",
        help="read and index the reference, report those figures, and stop",
    )
    args = parser.parse_args(argv)
    data: Path = args.data

    main_settings = settings_from(read_settings_document(data / STRATEGY_FILES[MAIN]))
    report: dict[str, Any] = {
        "machine": f"{platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}",
        "data": str(data),
    }
    _say("reading and indexing the reference …")
    index, figures = load_index(data / "reference.jsonl", main_settings.tenant)
    report["reference"] = figures
    _say(json.dumps(figures))
    if args.index_only:
        return _report(report, args.json)

    started = time.perf_counter()
    items = read_targets(data / "items.jsonl", main_settings.source_system)
    parse_items_s = time.perf_counter() - started
    all_truths = [
        json.loads(line) for line in (data / "truth.jsonl").read_text("utf-8").splitlines()
    ]
    truths = all_truths
    report["items"] = {
        "parsed": len(items),
        "parse_seconds": round(parse_items_s, 2),
        "parse_per_second": round(len(items) / parse_items_s) if parse_items_s else None,
        "rss_after_mb": round(rss_mb()),
    }
    if args.items is not None:
        items, truths = items[: args.items], truths[: args.items]
    report["items"]["mapped"] = len(items)
    intact = [_address_intact(p.target, t, index) for p, t in zip(items, truths, strict=True)]

    engine = MappingEngine(index)
    lines = (data / "items.jsonl").read_text("utf-8").splitlines()
    id_only = [
        line for line, t in zip(lines, all_truths, strict=True) if t["kind"] == "external-id-only"
    ]
    rate = external_id_only_rate(engine, main_settings, id_only)
    report["external_id_only_items"] = {
        "items": rate.count,
        "per_second_incl_parsing": round(rate.per_second),
        "p50_ms": round(rate.p50_ms, 3),
        "p95_ms": round(rate.p95_ms, 3),
        "max_ms": round(rate.max_ms, 3),
    }
    _say(json.dumps(report["external_id_only_items"]))

    report["strategies"] = {}
    for strategy in args.strategies:
        settings = settings_from(read_settings_document(data / STRATEGY_FILES[strategy]))
        _say(f"mapping {len(items)} items with {strategy} …")
        latencies, quality = run_strategy(engine, settings, items, truths, intact)
        row = {
            "items_per_second": round(latencies.per_second),
            "p50_ms": round(latencies.p50_ms, 2),
            "p95_ms": round(latencies.p95_ms, 2),
            "p99_ms": round(latencies.p99_ms, 2),
            "max_ms": round(latencies.max_ms, 1),
            **_quality_row(quality),
            "per_kind": {k: dict(v) for k, v in sorted(quality.per_kind.items())},
        }
        report["strategies"][strategy] = row
        _say(json.dumps({k: v for k, v in row.items() if k != "per_kind"}))

    if args.naive > 0:
        _say(f"full scans of {args.naive} items …")
        report["naive"] = naive_comparison(engine, main_settings, items, args.naive, args.seed)
        _say(json.dumps(report["naive"]))
    return _report(report, args.json)


def _report(report: dict[str, Any], path: Path | None) -> int:
    report["peak_rss_mb"] = round(peak_rss_mb())
    text = json.dumps(report, indent=2)
    print(text)
    if path is not None:
        path.write_text(text + "\n", encoding="utf-8")
    return 0
