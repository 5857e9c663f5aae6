"""The map's background tiles: which tiles the view needs, fetching them on a small thread
pool, a bounded memory of decoded tiles, and the pixmap items that draw them below the
markers. Answers for tiles the view no longer needs (the person moved on), or asked of a
tile source since replaced, are dropped."""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene

from ordinavo_desk.domain.map_geometry import TILE_SIZE, TileKey, ViewFrame, tiles_covering
from ordinavo_desk.ui.map.style import _Z_TILE
from ordinavo_desk.ui.map.tile_loading import TileSource, _TileJob, _TileRelay

#: Decoded tiles kept in memory (≈ 256 KiB each).
TILE_MEMORY = 96
#: Parallel tile requests (the fetcher sends one at a time; the second decodes meanwhile).
TILE_THREADS = 2


class TileLayer(QObject):
    """Tiles of one scene. ``show(frame)`` asks for what a view frame covers."""

    #: A tile of the current view failed (the panel says so next to the attribution).
    failed = Signal()

    def __init__(self, scene: QGraphicsScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scene = scene
        self.source: TileSource | None = None
        self.attribution = ""
        self._pool = QThreadPool(self)  # before the relay: deleted (and waited for) first
        self._pool.setMaxThreadCount(TILE_THREADS)
        self._relay = _TileRelay(self)
        self._relay.arrived.connect(self._arrived)
        self._frame: ViewFrame | None = None
        self.wanted: frozenset[TileKey] = frozenset()
        self._in_flight: set[TileKey] = set()
        self._failed: set[TileKey] = set()
        self._images: OrderedDict[TileKey, QPixmap | None] = OrderedDict()
        self._items: dict[TileKey, QGraphicsPixmapItem] = {}
        self._free_items: list[QGraphicsPixmapItem] = []
        self._generation = 0
        self.stale_dropped = 0

    # -- state ------------------------------------------------------------------------------

    def set_source(self, fetch: TileSource | None, attribution: str = "") -> None:
        """Fetch tiles with ``fetch`` from now on (None: no tiles); what was drawn goes."""
        self.source = fetch
        self.attribution = attribution.strip() if fetch is not None else ""
        self._generation += 1  # answers for the previous source are dropped
        self._in_flight.clear()
        self._images.clear()
        self._failed.clear()
        self.show(None)

    def stop_asking(self) -> None:
        """Nothing is fetched for a hidden map: queued requests skip (what is drawn stays
        until the next ``show``)."""
        self.wanted = frozenset()

    def forget_failures(self) -> None:
        """Tiles that failed are asked for again at the next ``show``."""
        self._failed.clear()

    @property
    def drawn(self) -> frozenset[TileKey]:
        return frozenset(self._items)

    @property
    def pending(self) -> int:
        return len(self._in_flight)

    @property
    def failing(self) -> bool:
        """A tile the view needs failed."""
        return bool(self._failed & self.wanted)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the tile threads (tests and shutdown); answers arrive with events."""
        return bool(self._pool.waitForDone(msecs))

    # -- showing ----------------------------------------------------------------------------

    def show(self, frame: ViewFrame | None) -> None:
        """Draw the tiles ``frame`` covers, asking for those not at hand; None: none."""
        self._frame = frame
        fetch = self.source
        if fetch is None or frame is None:
            self.wanted = frozenset()
            for key in list(self._items):
                self._release(key)
            return
        zoom = int(frame.zoom)
        scale = math.pow(2.0, frame.zoom - zoom)
        keys = tiles_covering(frame.bounds.scaled(1.0 / scale), zoom)
        self.wanted = frozenset(keys)
        for key in list(self._items):
            if key not in self.wanted:
                self._release(key)
        for key in keys:
            if key in self._images:
                self._images.move_to_end(key)
                self._place(key, self._images[key], frame)
            elif key not in self._in_flight and key not in self._failed:
                self._in_flight.add(key)
                self._pool.start(
                    _TileJob(key, fetch, self._relay, self._is_wanted, self._generation)
                )

    def _is_wanted(self, key: TileKey, generation: int) -> bool:
        # called on worker threads: reads of two attributes, each atomic
        return generation == self._generation and key in self.wanted

    def _place(self, key: TileKey, pixmap: QPixmap | None, frame: ViewFrame) -> None:
        if pixmap is None:  # the server has no such tile: the grid shows through
            return
        item = self._items.get(key)
        if item is None:
            item = self._free_items.pop() if self._free_items else None
            if item is None:
                item = QGraphicsPixmapItem()
                item.setZValue(_Z_TILE)
                item.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
                self._scene.addItem(item)
            item.setPixmap(pixmap)
            item.setVisible(True)
            self._items[key] = item
        scale = math.pow(2.0, frame.zoom - key.z)
        if item.scale() != scale:
            item.setScale(scale)
            item.setTransformationMode(
                Qt.TransformationMode.FastTransformation
                if scale == 1.0
                else Qt.TransformationMode.SmoothTransformation
            )
        item.setPos(key.x * TILE_SIZE * scale - frame.left, key.y * TILE_SIZE * scale - frame.top)

    def _release(self, key: TileKey) -> None:
        item = self._items.pop(key)
        item.setVisible(False)
        item.setPixmap(QPixmap())
        self._free_items.append(item)

    def _arrived(self, key: TileKey, payload: object, outcome: str, generation: int) -> None:
        if generation != self._generation:  # asked of a tile source since replaced
            self.stale_dropped += outcome != "skipped"
            return
        self._in_flight.discard(key)
        frame = self._frame
        if outcome == "skipped":
            if key in self.wanted and frame is not None and self.source is not None:
                self.show(frame)  # wanted again meanwhile: ask anew
            return
        if key not in self.wanted or frame is None:
            self.stale_dropped += 1
            return
        if outcome == "failed":
            self._failed.add(key)
            self.failed.emit()
            return
        pixmap = QPixmap.fromImage(payload) if isinstance(payload, QImage) else None
        self._images[key] = pixmap
        while len(self._images) > TILE_MEMORY:
            self._images.popitem(last=False)
        self._place(key, pixmap, frame)
