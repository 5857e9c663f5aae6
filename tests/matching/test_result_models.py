"""The engine builds its result models without validating them again (every value is
its own). These tests hold every result of the demo world, under every profile and with
and without ``customers.read``, to the models' own rules: validating a result's JSON gives
the same result back, scores are floats in [0, 1], collections are tuples."""

from __future__ import annotations

import pytest

from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.domain.mapping import MappingResult
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.matching.index import ReferenceIndex
from tests.matching.worlds import DEMO, demo_settings, demo_world

PROFILES = sorted(path.stem for path in (DEMO / "settings").glob("*.json"))


def _results(settings: MappingSettings) -> list[MappingResult]:
    customers, items = demo_world()
    engine = MappingEngine(ReferenceIndex.from_reference(customers, settings.tenant))
    return [engine.map_and_apply(item, settings).result for item in items]


@pytest.mark.parametrize("detailed", [True, False], ids=["customers.read", "no-read"])
@pytest.mark.parametrize("profile", PROFILES)
def test_engine_results_pass_their_own_validation(profile: str, detailed: bool) -> None:
    raw = demo_settings(profile)
    if not detailed:
        raw["scopes"] = [s for s in raw["scopes"] if s != "customers.read"]
    settings = MappingSettings.model_validate(raw)
    results = _results(settings)
    assert results
    for result in results:
        again = MappingResult.model_validate_json(result.model_dump_json(by_alias=True))
        assert again == result, result.item_external_id
        for field in ("warnings", "candidates", "explanation"):
            assert isinstance(getattr(result, field), tuple), (result.item_external_id, field)
        for candidate in result.candidates:
            assert type(candidate.score) is float
            assert 0.0 <= candidate.score <= 1.0
            assert isinstance(candidate.reasons, tuple)
            assert all(type(reason.contribution) is float for reason in candidate.reasons)
    if detailed and settings.has_scope(Scope.CUSTOMERS_MAP):
        assert sum(len(r.candidates) for r in results) > len(results)
