"""The demo world and generated data as the matching tests read them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.reference import Customer, ReferenceData

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def demo_settings(profile: str) -> dict[str, Any]:
    """A profile of the demo world, as raw JSON (to adjust before validating)."""
    data: dict[str, Any] = json.loads((DEMO / "settings" / f"{profile}.json").read_text("utf-8"))
    return data


def demo_world() -> tuple[list[Customer], list[InboundTarget]]:
    """The demo world's customers and import items."""
    reference = ReferenceData.model_validate_json((DEMO / "reference.json").read_text("utf-8"))
    return list(reference.customers), _items(DEMO / "items.jsonl")


def generated_world(folder: Path) -> tuple[list[Customer], list[InboundTarget]]:
    """The customers and import items of ``benchmarks.datagen`` output."""
    customers = [
        Customer.model_validate_json(line)
        for line in (folder / "reference.jsonl").read_text("utf-8").splitlines()
    ]
    return customers, _items(folder / "items.jsonl")


def _items(path: Path) -> list[InboundTarget]:
    return [
        InboundTarget.model_validate_json(line) for line in path.read_text("utf-8").splitlines()
    ]
