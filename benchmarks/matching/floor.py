"""``python -m benchmarks.matching.floor --data DIR``: what of an item's time is native.

Maps items like ``python -m benchmarks.matching`` (items already parsed, the pristine
index, ExternalIdThenNameAndAddress) and splits each item's time into:

- **native name batches**: the rapidfuzz batches the name-led search runs (the item's
  name against every name in its place blocks and in its rare words' listings, by the
  plain and the word-order-blind similarity), timed around each batch call inside the
  engine;
- **result models**: validating the item's result objects (the result, its candidates and
  their reasons), timed by building the same objects again from their fields;
- **the rest**: the engine's Python work (blocking, scoring pairs, resolution, reasons,
  explanation).

Beside them, **a minimal pair loop**: for the pairs the engine scored, the least any
Python scoring does per pair (read the location, the distance when both sides have
coordinates, a weighted sum, one tuple), without comparing a street or a city: a lower
bound of scoring the pairs in Python at all.

A throughput target of N items/s leaves 1/N seconds per item; the report says what that
leaves for the rest once the native batches and the result models are paid.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.matching.cli import MAIN, STRATEGY_FILES, load_index
from ordinavo_desk.domain.mapping import Candidate, MappingResult, Reason
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.matching.geo import distance_m
from ordinavo_desk.matching.item_run import ItemRun
from ordinavo_desk.matching.pair_scores import PairScore
from ordinavo_desk.matching.scoring import Probe
from ordinavo_desk.matching.tenant_index import TenantIndex
from ordinavo_desk.services.payload_files import (
    read_settings_document,
    read_targets,
    settings_from,
)


class _TimedExtract:
    """``process.extract`` with the time spent in it added up."""

    def __init__(self, extract: Callable[..., Any]) -> None:
        self._extract = extract
        self.seconds = 0.0
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return self._extract(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1


def _rebuild(result: MappingResult) -> MappingResult:
    """The result's objects built again from their fields, validated as the engine's are."""
    candidates = tuple(
        Candidate(
            **{
                **candidate.__dict__,
                "reasons": tuple(Reason(**reason.__dict__) for reason in candidate.reasons),
            }
        )
        for candidate in result.candidates
    )
    return MappingResult(**{**result.__dict__, "candidates": candidates})


def _minimal_pair_loop(tenant: TenantIndex, probe: Probe, pairs: Sequence[PairScore]) -> float:
    """Seconds of the least Python scoring of ``pairs`` can do (see the module docstring)."""
    keys = probe.keys
    here_lat, here_lon = keys.latitude, keys.longitude
    started = time.perf_counter()
    out: list[tuple[float, int, int | None]] = []
    for pair in pairs:
        location_id = pair.location_id
        location = tenant.location(location_id) if location_id is not None else None
        score = 0.6 * pair.name_score
        if (
            location is not None
            and here_lat is not None
            and here_lon is not None
            and location.latitude is not None
            and location.longitude is not None
        ):
            metres = distance_m(here_lat, here_lon, location.latitude, location.longitude)
            score += 0.1 * max(0.0, 1.0 - metres / 1000.0)
        out.append((score, pair.customer_id, location_id))
    return time.perf_counter() - started


def _mean_ms(values: Sequence[float]) -> float:
    return sum(values) / len(values) * 1000.0 if values else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.matching.floor", description=__doc__
    )
    parser.add_argument("--data", type=Path, required=True, help="a datagen output directory")
    parser.add_argument("--items", type=int, default=3000, help="map the first N items")
    parser.add_argument("--target", type=float, default=2000.0, help="items per second aimed at")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    data: Path = args.data
    settings = settings_from(read_settings_document(data / STRATEGY_FILES[MAIN]))
    print("reading and indexing the reference …", file=sys.stderr, flush=True)
    index, figures = load_index(data / "reference.jsonl", settings.tenant)
    items = read_targets(data / "items.jsonl", settings.source_system)[: args.items]
    engine = MappingEngine(index)
    tenant = index.tenant(settings.tenant)
    runs: list[ItemRun] = []
    make_run = engine._run

    def kept_run(*args: Any, **kwargs: Any) -> ItemRun:
        run = make_run(*args, **kwargs)
        runs.append(run)
        return run

    engine._run = kept_run  # type: ignore[method-assign]
    for parsed in items[:50]:  # validators built, caches warm: not counted
        engine.map_item(parsed.target, settings)
    runs.clear()

    # the module whose extract the engine's batches call
    rapidfuzz_process: Any = importlib.import_module("rapidfuzz.process")
    original = rapidfuzz_process.extract
    timed = _TimedExtract(original)
    rapidfuzz_process.extract = timed
    totals: list[float] = []
    native: list[float] = []
    models: list[float] = []
    pair_loops: list[float] = []
    pair_count = 0
    try:
        for parsed in items:
            before = timed.seconds
            started = time.perf_counter()
            outcome = engine.map_item(parsed.target, settings)
            totals.append(time.perf_counter() - started)
            native.append(timed.seconds - before)
            loop = 0.0
            for run in runs:
                search = run._search  # the pairs of a search the item ran, if it ran one
                if search is not None:
                    pair_count += len(search.pairs)
                    loop += _minimal_pair_loop(tenant, run.probe, search.pairs)
            pair_loops.append(loop)
            runs.clear()
            started = time.perf_counter()
            _rebuild(outcome.result)
            models.append(time.perf_counter() - started)
    finally:
        rapidfuzz_process.extract = original

    budget_ms = 1000.0 / args.target
    total_ms, native_ms, models_ms = _mean_ms(totals), _mean_ms(native), _mean_ms(models)
    rest_ms = total_ms - native_ms - models_ms
    left_ms = budget_ms - native_ms - models_ms
    report = {
        "data": str(data),
        "index": figures,
        "items": len(items),
        "batch_calls_per_item": round(timed.calls / max(1, len(items)), 2),
        "pairs_scored_per_item": round(pair_count / max(1, len(items)), 1),
        "mean_ms": {
            "item": round(total_ms, 3),
            "native_name_batches": round(native_ms, 3),
            "result_models": round(models_ms, 3),
            "rest": round(rest_ms, 3),
        },
        "minimal_pair_loop_ms": round(_mean_ms(pair_loops), 3),
        "items_per_second": round(1000.0 / total_ms) if total_ms else None,
        "target_items_per_second": args.target,
        "budget_ms_per_item": round(budget_ms, 3),
        "budget_left_for_rest_ms": round(left_ms, 3),
        # how many times faster the rest would have to become to fit in what is left
        "rest_speedup_needed": round(rest_ms / left_ms, 1) if left_ms > 0 else None,
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.json is not None:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
