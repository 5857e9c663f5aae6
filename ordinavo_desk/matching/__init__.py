"""The pure matching engine: normalisation, blocking, scoring and the mapping rules.

No Qt, database, HTTP, clock, randomness or I/O: items, settings and a ReferenceIndex in,
MappingResults and IndexChanges out.
"""

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
