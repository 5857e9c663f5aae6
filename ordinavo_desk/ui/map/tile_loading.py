"""Tile loading off the UI thread: the tile source, the job that fetches and decodes one
tile on the panel's thread pool, and the relay that brings the answer to the UI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtGui import QImage

from ordinavo_desk.domain.map_geometry import TileKey

#: Fetches one tile's image bytes for (z, x, y) on a worker thread; None: no such tile.
TileSource = Callable[[int, int, int], bytes | None]


class _TileRelay(QObject):
    # key, QImage | None | error text, outcome, generation of the tile source
    arrived = Signal(object, object, str, int)


class _TileJob(QRunnable):
    def __init__(
        self,
        key: TileKey,
        fetch: TileSource,
        relay: _TileRelay,
        wanted: Callable[[TileKey, int], bool],
        generation: int,
    ) -> None:
        super().__init__()
        self._key = key
        self._fetch = fetch
        self._relay = relay
        self._wanted = wanted
        self._generation = generation

    def run(self) -> None:
        key, generation, emit = self._key, self._generation, self._relay.arrived.emit
        if not self._wanted(key, generation):  # the view moved on while this was queued
            emit(key, None, "skipped", generation)
            return
        try:
            data = self._fetch(key.z, key.x, key.y)
        except Exception as error:  # noqa: BLE001 - reported on the UI thread
            emit(key, str(error), "failed", generation)
            return
        if data is None:
            emit(key, None, "none", generation)
            return
        image = QImage()
        if not image.loadFromData(data):
            emit(key, "not an image", "failed", generation)
            return
        emit(key, image, "image", generation)
