"""Pairs left unscored by the search change no result.

A pair whose name does not resemble the item's can score at most the address share;
below the lowest score any gate or the candidate list looks at, the search sets it aside.
An item without a name or an address scores 0 everywhere, so of a reached customer's
locations only the one standing for it is scored. These tests map generated data and the
demo world twice, once with those shortcuts and once scoring every pair, and require
identical results (status, links, warnings, candidates with their scores and reasons)
for every item.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.datagen.world import generate
from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.mapping import MappingResult
from ordinavo_desk.domain.reference import Customer
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching import item_run
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.matching.index import ReferenceIndex
from ordinavo_desk.matching.scoring import Probe
from tests.matching.worlds import demo_settings, demo_world, generated_world


def _map_all(
    customers: list[Customer], items: list[InboundTarget], settings: MappingSettings
) -> list[MappingResult]:
    engine = MappingEngine(ReferenceIndex.from_reference(customers, settings.tenant))
    return [engine.map_and_apply(target, settings).result for target in items]


def _without_shortcut(
    monkeypatch: pytest.MonkeyPatch,
    customers: list[Customer],
    items: list[InboundTarget],
    settings: MappingSettings,
) -> list[MappingResult]:
    with monkeypatch.context() as patched:
        patched.setattr(item_run, "score_cutoff", lambda _settings: float("-inf"))
        patched.setattr(Probe, "carries_signal", property(lambda _probe: True))
        return _map_all(customers, items, settings)


def _same_outcomes(fast: list[MappingResult], full: list[MappingResult]) -> None:
    assert len(fast) == len(full)
    for a, b in zip(fast, full, strict=True):
        assert (a.status, a.customer_id, a.customer_location_id, a.customer_contact_id) == (
            b.status,
            b.customer_id,
            b.customer_location_id,
            b.customer_contact_id,
        ), a.item_external_id
        assert a.warnings == b.warnings, a.item_external_id
        assert a.candidates == b.candidates, a.item_external_id


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out, customers=800, items=400, seed=5)
    return out


@pytest.mark.parametrize(
    "profile", ["external-id-then-name-and-address", "external-id-first", "manual-only"]
)
def test_generated_data_maps_the_same_without_the_shortcut(
    generated: Path, profile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = MappingSettings.model_validate_json(
        (generated / f"settings-{profile}.json").read_text("utf-8")
    )
    customers, items = generated_world(generated)
    fast = _map_all(customers, items, settings)
    full = _without_shortcut(monkeypatch, customers, items, settings)
    _same_outcomes(fast, full)
    # the comparison covers items with candidates to compare, not only trivial ones
    assert sum(1 for r in fast if len(r.candidates) > 1) > 20


@pytest.mark.parametrize("profile", ["name-and-address", "external-id-first", "manual-only"])
def test_demo_world_maps_the_same_without_the_shortcut(
    profile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = MappingSettings.model_validate(demo_settings(profile))
    customers, items = demo_world()
    _same_outcomes(
        _map_all(customers, items, settings),
        _without_shortcut(monkeypatch, customers, items, settings),
    )


def test_low_gates_score_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a floor below the address share nothing may be set aside."""
    raw = demo_settings("name-and-address")
    raw["nameAndAddress"] = {**raw.get("nameAndAddress", {}), "floor": 0.2}
    settings = MappingSettings.model_validate(raw)
    assert item_run.score_cutoff(settings) <= 0.2
    customers, items = demo_world()
    fast = _map_all(customers, items, settings)
    _same_outcomes(fast, _without_shortcut(monkeypatch, customers, items, settings))
    # address-only candidates (name different, score ≤ 0.40) now show up
    assert any(c.score <= 0.4 for r in fast for c in r.candidates)
