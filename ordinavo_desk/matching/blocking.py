"""Blocking keys and the capped posting tables the reference index keeps per tenant.

A blocking key is a cheap exact key (postal code, normalised city, a word of the name,
a grid cell) under which records are listed, so that an item is compared with the few
records sharing one of its keys instead of with the whole tenant. A key listing more
records than the cap is too common to narrow anything down: its postings are dropped
and it is remembered as common, which also keeps memory flat for words like "service".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from functools import lru_cache
from typing import Generic, TypeVar

from ordinavo_desk.matching.geo import DEFAULT_CELL_DEGREES, grid_cell
from ordinavo_desk.matching.normalize import normalize_city, normalize_postal_code

K = TypeVar("K", bound=Hashable)


class NamedBlockTable(Generic[K]):
    """Postings ``key → record ids`` whose keys stop being listed above ``cap`` records.

    Beside each record id the postings keep the normalised name of the customer it
    belongs to: a whole posting list of names is compared with an item's name in one
    native batch, and only the records whose names resemble it are touched in Python."""

    __slots__ = ("_common", "_postings", "cap")

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._postings: dict[K, tuple[list[int], list[str]]] = {}
        self._common: set[K] = set()

    def add(self, key: K, record_id: int, name_key: str) -> None:
        postings = self._postings.get(key)
        if postings is None:
            if key not in self._common:
                self._postings[key] = ([record_id], [name_key])
        elif len(postings[0]) < self.cap:
            postings[0].append(record_id)
            postings[1].append(name_key)
        else:
            del self._postings[key]
            self._common.add(key)

    def add_gathered(self, gathered: dict[K, tuple[list[int], list[str]]]) -> None:
        """``add`` for many records at once: postings gathered by key (the lists are taken
        over, not copied); the same table as adding them one by one, in order."""
        postings, common, cap = self._postings, self._common, self.cap
        for key, (ids, names) in gathered.items():
            if key in common:
                continue
            listed = postings.get(key)
            held = 0 if listed is None else len(listed[0])
            if held + len(ids) > cap:
                postings.pop(key, None)
                common.add(key)
            elif listed is None:
                postings[key] = (ids, names)
            else:
                listed[0].extend(ids)
                listed[1].extend(names)

    def remove(self, key: K, record_id: int) -> None:
        postings = self._postings.get(key)
        if postings is None:
            return
        ids, names = postings
        try:
            position = ids.index(record_id)
        except ValueError:
            return
        del ids[position], names[position]
        if not ids:
            del self._postings[key]

    def get(self, key: K) -> Sequence[int]:
        """The ids listed under ``key``; empty when none or when the key is common."""
        postings = self._postings.get(key)
        return postings[0] if postings is not None else ()

    def get_named(self, key: K) -> tuple[Sequence[int], Sequence[str]]:
        """The ids listed under ``key`` and, in the same order, their name keys."""
        postings = self._postings.get(key)
        return postings if postings is not None else ((), ())

    def is_common(self, key: K) -> bool:
        return key in self._common

    def __len__(self) -> int:
        return len(self._postings)


class MultiMap(Generic[K]):
    """Exact lookups ``key → ids`` (usually one id), without a list per key."""

    __slots__ = ("_map",)

    def __init__(self) -> None:
        self._map: dict[K, int | list[int]] = {}

    @property
    def ids_by_key(self) -> dict[K, int | list[int]]:
        """The map itself, for bulk writers: a key missing from it may be set to a single
        id directly; any other change goes through ``add``."""
        return self._map

    def add(self, key: K, record_id: int) -> None:
        current = self._map.get(key)
        if current is None:  # the usual case: one id per key
            self._map[key] = record_id
        elif isinstance(current, int):
            if current != record_id:
                self._map[key] = sorted((current, record_id))
        elif record_id not in current:
            current.append(record_id)
            current.sort()

    def remove(self, key: K, record_id: int) -> None:
        current = self._map.get(key)
        if current is None:
            return
        if isinstance(current, int):
            if current == record_id:
                del self._map[key]
            return
        if record_id in current:
            current.remove(record_id)
        if len(current) == 1:
            self._map[key] = current[0]

    def get(self, key: K) -> tuple[int, ...]:
        current = self._map.get(key)
        if current is None:
            return ()
        if isinstance(current, int):
            return (current,)
        return tuple(current)


# -- keys ---------------------------------------------------------------------------------


def customer_number_key(number: str | None) -> str | None:
    """Customer numbers compare trimmed and case-insensitive."""
    if number is None:
        return None
    key = number.strip().casefold()
    return key or None


def external_id_key(external_id: str | None) -> str | None:
    """External ids compare exactly after trimming surrounding whitespace."""
    if external_id is None:
        return None
    key = external_id.strip()
    return key or None


@lru_cache(maxsize=100_000)
def postal_key(postal_code: str | None, country: str | None = None) -> str | None:
    if postal_code is None:
        return None
    return normalize_postal_code(postal_code, country) or None


def city_key(city: str | None) -> str | None:
    if city is None:
        return None
    return normalize_city(city) or None


def cell_key(
    latitude: float | None, longitude: float | None, cell_degrees: float = DEFAULT_CELL_DEGREES
) -> int | None:
    if latitude is None or longitude is None:
        return None
    return grid_cell(latitude, longitude, cell_degrees)


def name_words(name_key: str) -> Iterable[str]:
    """Words of a normalised name used as blocking keys (two letters or more, once)."""
    return dict.fromkeys(w for w in name_key.split() if len(w) >= 2)


def most_shared(hits: Counter[int], limit: int) -> list[int]:
    """The ``limit`` ids with the highest counts, lowest ids first among equal counts.

    Most ids are hit once: those are only sorted (as plain ints) when the ids hit more
    often do not fill the limit.
    """
    repeated = [record_id for record_id, count in hits.items() if count > 1]
    repeated.sort(key=lambda record_id: (-hits[record_id], record_id))
    if len(repeated) >= limit:
        return repeated[:limit]
    once = [record_id for record_id, count in hits.items() if count == 1]
    once.sort()
    return repeated + once[: limit - len(repeated)]
