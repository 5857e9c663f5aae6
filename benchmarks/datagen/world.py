"""Writes a generated world: reference, items, truth and settings files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.datagen.items import ItemPlanner
from benchmarks.datagen.reference import (
    CUSTOMER_REF_BASE,
    ReferenceGenerator,
    WorldShape,
)
from benchmarks.datagen.settings import settings_by_strategy

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def generate(
    out: Path,
    customers: int,
    items: int,
    seed: int | str,
    shape: WorldShape | None = None,
) -> dict[str, Any]:
    """Write ``reference.jsonl``, ``items.jsonl``, ``truth.jsonl`` and ``settings-*.json``
    to ``out``; return counts. The same arguments always give the same files."""
    out.mkdir(parents=True, exist_ok=True)
    generator = ReferenceGenerator(seed, shape)
    main_tenant = generator.main_tenant
    planner = ItemPlanner(seed, items, main_tenant)
    locations = contacts = 0
    with (out / "reference.jsonl").open("w", encoding="utf-8", newline="\n") as ref_file:
        write = ref_file.write
        for customer in generator.customers(customers):
            locations += len(customer["locations"])
            contacts += len(customer["contacts"])
            planner.offer(customer, generator.last_number_was_duplicate)
            write(_encode(customer))
            write("\n")
    main_count = generator.counts[main_tenant]
    highest_shared = CUSTOMER_REF_BASE + main_count

    def other_tenant_only(customer: dict[str, Any]) -> bool:
        for ref in customer["externalRefs"]:
            if ref["sourceSystem"] == "sap-erp" and ref["externalId"].startswith("CUST-"):
                return int(ref["externalId"][5:]) > highest_shared
        return False

    pairs = planner.items(other_tenant_only)
    with (
        (out / "items.jsonl").open("w", encoding="utf-8", newline="\n") as items_file,
        (out / "truth.jsonl").open("w", encoding="utf-8", newline="\n") as truth_file,
    ):
        for target, truth in pairs:
            items_file.write(_encode(target) + "\n")
            truth_file.write(_encode(truth) + "\n")
    for stem, settings in settings_by_strategy(main_tenant).items():
        (out / f"settings-{stem}.json").write_text(
            json.dumps(settings, indent=2) + "\n", encoding="utf-8"
        )
    return {
        "customers": customers,
        "locations": locations,
        "contacts": contacts,
        "items": len(pairs),
        "tenants": dict(generator.counts),
    }
