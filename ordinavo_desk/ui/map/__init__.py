"""The review window's map: the incoming location and its candidates on a schematic view,
with optional background tiles."""

from ordinavo_desk.ui.map.map_panel import MapPanel
from ordinavo_desk.ui.map.tile_loading import TileSource

__all__ = ["MapPanel", "TileSource"]
