"""The views read before the reviewer asks for them (the next item's), the reads under way,
and the item that waits for one of them instead of being read a second time.

Plain bookkeeping, no Qt: the workspace starts the reads and shows what arrives.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ordinavo_desk.services.item_view import ItemView

#: Views read ahead that are kept, and for how long one is shown without reading it again.
KEPT = 4
FRESH_FOR_S = 10.0


class ReadAhead:
    def __init__(
        self,
        kept: int = KEPT,
        fresh_for: float = FRESH_FOR_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._kept = kept
        self._fresh_for = fresh_for
        self._clock = clock
        self._views: dict[int, tuple[float, ItemView]] = {}
        self._reading: set[int] = set()
        #: The item (with the generation it was selected in) waiting for its read ahead.
        self._awaited: tuple[int, int] | None = None

    def forget(self) -> None:
        """Drop the views kept (the queue reloaded: they may be stale)."""
        self._views.clear()

    def take(self, item_id: int) -> tuple[ItemView, bool] | None:
        """The view read ahead for ``item_id``, and whether it is still fresh; it is not
        kept any more."""
        found = self._views.pop(item_id, None)
        if found is None:
            return None
        read_at, view = found
        return view, self._clock() - read_at < self._fresh_for

    def is_reading(self, item_id: int) -> bool:
        return item_id in self._reading

    def wait_for(self, item_id: int, generation: int) -> None:
        """``item_id`` (selected in ``generation``) is shown when its read arrives."""
        self._awaited = (generation, item_id)

    def wants(self, item_id: int) -> bool:
        """True if ``item_id`` is neither kept nor being read."""
        return item_id not in self._views and item_id not in self._reading

    def started(self, item_id: int) -> None:
        self._reading.add(item_id)

    def arrived(self, item_id: int, view: ItemView, *, stale: bool) -> int | None:
        """The read of ``item_id`` brought ``view``. Answers the generation of the
        selection that waits for it, if one does (the view is then not kept); else keeps
        the view unless it is ``stale`` (the queue changed while it was read)."""
        self._reading.discard(item_id)
        awaited = self._awaited
        if awaited is not None and awaited[1] == item_id:
            self._awaited = None
            return awaited[0]
        if not stale:
            self._views[item_id] = (self._clock(), view)
            while len(self._views) > self._kept:
                self._views.pop(next(iter(self._views)))
        return None

    def failed(self, item_id: int) -> bool:
        """The read of ``item_id`` failed; True if a selection waited for it (it waits
        no more, and the failure is the reviewer's to see)."""
        self._reading.discard(item_id)
        if self._awaited is not None and self._awaited[1] == item_id:
            self._awaited = None
            return True
        return False
