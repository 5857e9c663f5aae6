"""The pure matching engine: normalisation, blocking, scoring and the mapping rules.

No Qt, database, HTTP, clock, randomness or I/O: items, settings and a ReferenceIndex in,
MappingResults and IndexChanges out.

The names below load on first use, so that a module importing one small part (``links``,
``geo``) does not load the whole engine and its string-matching library with it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ordinavo_desk.matching.changes import FieldUpdate, IndexChanges
    from ordinavo_desk.matching.engine import ItemOutcome, MappingEngine
    from ordinavo_desk.matching.index import ReferenceIndex
    from ordinavo_desk.matching.links import Links
    from ordinavo_desk.matching.policy import DEFAULT_POLICY, CandidateLimits, ScoringPolicy
    from ordinavo_desk.matching.records import (
        ContactRecord,
        CustomerRecord,
        ExternalRefRecord,
        LocationRecord,
    )

_WHERE = {
    "DEFAULT_POLICY": "policy",
    "CandidateLimits": "policy",
    "ContactRecord": "records",
    "CustomerRecord": "records",
    "ExternalRefRecord": "records",
    "FieldUpdate": "changes",
    "IndexChanges": "changes",
    "ItemOutcome": "engine",
    "Links": "links",
    "LocationRecord": "records",
    "MappingEngine": "engine",
    "ReferenceIndex": "index",
    "ScoringPolicy": "policy",
}

__all__ = [
    "DEFAULT_POLICY",
    "CandidateLimits",
    "ContactRecord",
    "CustomerRecord",
    "ExternalRefRecord",
    "FieldUpdate",
    "IndexChanges",
    "ItemOutcome",
    "Links",
    "LocationRecord",
    "MappingEngine",
    "ReferenceIndex",
    "ScoringPolicy",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
