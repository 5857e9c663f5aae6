"""Distances on the earth and a grid of cells for blocking by coordinates."""

from __future__ import annotations

import math
from functools import lru_cache

#: Mean earth radius (IUGG), metres.
EARTH_RADIUS_M = 6_371_008.8
#: Metres per degree of latitude (mean).
METRES_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180.0
#: Default cell size: 0.005° (≈ 560 m north–south, ≈ 340 m east–west in Germany).
DEFAULT_CELL_DEGREES = 0.005


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in metres; within 0.5 % of the geodesic."""
    phi1 = math.radians(lat1)
    phi2 = math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=16)
def _lon_cells(cell_degrees: float) -> int:
    return math.ceil(360.0 / cell_degrees)


def _indices(lat: float, lon: float, cell_degrees: float) -> tuple[int, int]:
    row = math.floor((lat + 90.0) / cell_degrees)
    col = math.floor((lon + 180.0) / cell_degrees) % _lon_cells(cell_degrees)
    return row, col


def grid_cell(lat: float, lon: float, cell_degrees: float = DEFAULT_CELL_DEGREES) -> int:
    """The id of the grid cell holding a point (one int, cheap to keep by the million)."""
    lon_cells = _lon_cells(cell_degrees)
    return math.floor((lat + 90.0) / cell_degrees) * lon_cells + (
        math.floor((lon + 180.0) / cell_degrees) % lon_cells
    )


def cells_within(
    lat: float, lon: float, radius_m: float, cell_degrees: float = DEFAULT_CELL_DEGREES
) -> list[int]:
    """The ids of every cell that may hold a point within ``radius_m`` of (lat, lon),
    in ascending order. Longitude wraps at the antimeridian; near the poles the row is
    taken whole."""
    lon_cells = _lon_cells(cell_degrees)
    row, col = _indices(lat, lon, cell_degrees)
    max_row = math.floor(180.0 / cell_degrees)
    dlat = radius_m / METRES_PER_DEGREE
    rows = math.ceil(dlat / cell_degrees)
    cos_lat = math.cos(math.radians(min(89.9, abs(lat) + dlat)))
    dlon = radius_m / (METRES_PER_DEGREE * max(cos_lat, 1e-6))
    cols = math.ceil(dlon / cell_degrees)
    cells: set[int] = set()
    for r in range(max(0, row - rows), min(max_row, row + rows) + 1):
        if 2 * cols + 1 >= lon_cells:
            col_range: range | list[int] = range(lon_cells)
        else:
            col_range = [(col + c) % lon_cells for c in range(-cols, cols + 1)]
        for c in col_range:
            cells.add(r * lon_cells + c)
    return sorted(cells)
