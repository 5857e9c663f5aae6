"""The split of an item's time into native batches, result models and the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import process

from benchmarks.datagen.world import generate
from benchmarks.matching.floor import main


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("floor-world")
    generate(out, customers=400, items=150, seed=5)
    return out


def test_the_parts_add_up_and_the_batches_are_seen(world: Path, tmp_path: Path) -> None:
    extract = process.extract
    out = tmp_path / "floor.json"
    assert main(["--data", str(world), "--items", "120", "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    parts = report["mean_ms"]
    # the engine's batches went through the timed extract: none seen would mean the
    # figure measures nothing
    assert report["batch_calls_per_item"] >= 1.0
    assert parts["native_name_batches"] > 0.0
    assert parts["result_models"] > 0.0
    assert report["pairs_scored_per_item"] > 0.0
    assert report["minimal_pair_loop_ms"] > 0.0
    total = parts["native_name_batches"] + parts["result_models"] + parts["rest"]
    assert total == pytest.approx(parts["item"], abs=0.002)
    assert report["budget_left_for_rest_ms"] == pytest.approx(
        0.5 - parts["native_name_batches"] - parts["result_models"], abs=0.002
    )
    assert process.extract is extract  # the timing is taken off again
