"""The customerMapping result the engine produces, with candidates and explanation."""

from __future__ import annotations

from pydantic import Field

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.enums import CandidateOutcome, MappingStatus, Strategy


class Reason(WireModel):
    """One field's comparison: what came in, what is stored, how they compared."""

    field: str
    incoming: str | None = None
    stored: str | None = None
    comparison: str
    contribution: float


class Candidate(WireModel):
    customer_id: int
    customer_location_id: int | None = None
    score: float = Field(ge=0.0, le=1.0)
    outcome: CandidateOutcome
    reasons: tuple[Reason, ...] = ()


class MappingResult(WireModel):
    item_external_id: str
    status: MappingStatus
    customer_id: int | None = None
    customer_location_id: int | None = None
    customer_contact_id: int | None = None
    #: Warning codes, each once, in the order the rules raised them (open strings, so that
    #: codes received from a server are kept as they are).
    warnings: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    explanation: tuple[str, ...] = ()

    def to_result_json(self) -> dict[str, object]:
        """The result as a ``match`` output line (mapping-rules.md, "Results"): camelCase,
        every field present, null ids kept as null."""
        return self.model_dump(mode="json", by_alias=True)


def needs_review(status: MappingStatus, strategy: Strategy) -> bool:
    """Warning and Failed items, and Skipped ones under ManualOnly, wait for a person."""
    if status in {MappingStatus.WARNING, MappingStatus.FAILED}:
        return True
    return status is MappingStatus.SKIPPED and strategy is Strategy.MANUAL_ONLY
