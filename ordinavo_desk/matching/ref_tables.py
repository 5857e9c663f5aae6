"""The external references of one tenant: per source system and record type, a table of
external id → record id, and the checks a reference passes before it is stored."""

from __future__ import annotations

from collections.abc import Container, ItemsView, Iterable, Mapping, Sequence

from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.domain.errors import ConflictError
from ordinavo_desk.matching.blocking import external_id_key
from ordinavo_desk.matching.records import ExternalRefRecord

#: The references of one source and type and the records of that type they may point at.
_RefTable = tuple[dict[str, int], Container[int]]
_KINDS = (ExternalType.CUSTOMER, ExternalType.LOCATION, ExternalType.CONTACT)


class RefTables:
    __slots__ = ("_records_of", "_tables")

    def __init__(self, records_of: Mapping[ExternalType, Container[int]]) -> None:
        #: The records of each kind (what a reference may point at).
        self._records_of = records_of
        self._tables: dict[tuple[str, ExternalType], dict[str, int]] = {}

    def items(self) -> ItemsView[tuple[str, ExternalType], dict[str, int]]:
        return self._tables.items()

    def resolve(
        self, source_system: str, external_type: ExternalType, external_id: str
    ) -> int | None:
        """The record a reference points at (ids compared trimmed, exactly)."""
        key = external_id_key(external_id)
        table = self._tables.get((source_system.strip(), external_type))
        if key is None or table is None:
            return None
        return table.get(key)

    def add(
        self, source_system: str, external_type: ExternalType, external_id: str, record_id: int
    ) -> None:
        """Store a reference; storing one that points at the same record again is harmless,
        one that points at another record is a conflict (references never move)."""
        key = external_id_key(external_id)
        source = source_system.strip()
        if key is None or not source:
            raise ConflictError("an external reference needs a source system and an id")
        if record_id not in self._records_of[external_type]:
            raise ConflictError(f"{external_type} reference {key}: no record {record_id}")
        held = self._table(source, external_type).setdefault(key, record_id)
        if held != record_id:
            raise ConflictError(
                f"{external_type} reference {key} ({source}) already points at {held}"
            )

    def add_many(self, refs: Iterable[ExternalRefRecord]) -> None:
        """``add`` for many references (millions of them, when building from a store):
        the same checks, with the table of each source and type looked up once per pair
        (by the source's text and the type's identity: hashing an enum member runs Python
        code)."""
        tables: dict[str, list[_RefTable | None]] = {}
        for ref in refs:
            slots = tables.get(ref.source_system)
            if slots is None:
                slots = tables[ref.source_system] = [None, None, None]
            kind = ref.external_type
            slot = 0 if kind is _KINDS[0] else 1 if kind is _KINDS[1] else 2
            found = slots[slot]
            if found is None and kind is _KINDS[slot]:
                source = ref.source_system.strip()
                if source:
                    found = slots[slot] = (self._table(source, kind), self._records_of[kind])
            key = ref.external_id.strip()
            record_id = ref.record_id
            if (
                found is None
                or not key
                or record_id not in found[1]
                or found[0].setdefault(key, record_id) != record_id
            ):
                self.add(ref.source_system, kind, ref.external_id, record_id)  # the conflict

    def add_run(
        self,
        source_system: str,
        external_type: ExternalType,
        external_ids: Sequence[str],
        record_ids: Sequence[int],
    ) -> None:
        """``add`` for the references of one source and type given as two columns (the
        external ids and the record ids they point at), with the same checks."""
        source = source_system.strip()
        table = self._table(source, external_type) if source else None
        records = self._records_of[external_type]
        for external_id, record_id in zip(external_ids, record_ids, strict=True):
            key = external_id.strip()
            if (
                table is None
                or not key
                or record_id not in records
                or table.setdefault(key, record_id) != record_id
            ):
                self.add(source_system, external_type, external_id, record_id)  # the conflict

    def _table(self, source: str, external_type: ExternalType) -> dict[str, int]:
        table = self._tables.get((source, external_type))
        if table is None:
            table = self._tables[(source, external_type)] = {}
        return table
