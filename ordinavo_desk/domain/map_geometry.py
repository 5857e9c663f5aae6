"""Geometry of the review window's map, without Qt: points, Web-Mercator projection, the
view that fits them, the tiles that cover it, the scale bar and distance texts.

Coordinates on screen are *world pixels*: the Web-Mercator plane (EPSG:3857) at zoom
``z`` is a square of ``256 · 2**z`` pixels, x growing east from the antimeridian, y growing
south from 85.0511° N, the layout of the usual ``{z}/{x}/{y}`` tile servers. Zooms may be
fractional (a schematic map fits its points tightly); tiles exist at integer zooms only.

A point is *located* only if both coordinates are present, finite, in range and not both
exactly 0: (0, 0) lies in the Gulf of Guinea and in our data means "not geocoded".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

#: Pixels of one side of a map tile.
TILE_SIZE = 256
#: Web Mercator is cut at the latitude that makes the world square: atan(sinh(π)).
MAX_LATITUDE = 85.0511287798066
#: Earth radius of Web Mercator (the WGS 84 semi-major axis), metres.
MERCATOR_RADIUS_M = 6_378_137.0
#: The zoom a single point (or points at one spot) is shown at: a few streets around it.
SINGLE_POINT_ZOOM = 15.0
#: The closest a fitted view zooms in (tile servers usually go to 18 or 19).
MAX_FIT_ZOOM = 18.0
#: Margin kept free around the fitted points (markers and their labels need room).
DEFAULT_PADDING = 48.0


class MarkerKind(StrEnum):
    INCOMING = "incoming"
    CANDIDATE = "candidate"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One place to show: the incoming location, a ranked candidate or another place."""

    key: str
    label: str
    kind: MarkerKind
    rank: int | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def located(self) -> bool:
        return is_located(self.latitude, self.longitude)


def is_located(latitude: float | None, longitude: float | None) -> bool:
    """Both coordinates present, finite, in range, and not the (0, 0) of missing data."""
    if latitude is None or longitude is None:
        return False
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return False
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        return False
    return not (latitude == 0.0 and longitude == 0.0)


def located_points(points: Iterable[MapPoint]) -> list[MapPoint]:
    return [p for p in points if p.located]


def missing_points(points: Iterable[MapPoint]) -> list[MapPoint]:
    return [p for p in points if not p.located]


# -- projection ------------------------------------------------------------------------------


def world_size(zoom: float) -> float:
    """Side of the world square in pixels at ``zoom``."""
    return TILE_SIZE * math.pow(2.0, zoom)


def project(latitude: float, longitude: float, zoom: float) -> tuple[float, float]:
    """World pixel (x, y) of a position at ``zoom``; latitudes are clipped to ±85.0511°."""
    size = world_size(zoom)
    lat = math.radians(max(-MAX_LATITUDE, min(MAX_LATITUDE, latitude)))
    x = (longitude + 180.0) / 360.0 * size
    y = (1.0 - math.log(math.tan(lat) + 1.0 / math.cos(lat)) / math.pi) / 2.0 * size
    return x, y


def unproject(x: float, y: float, zoom: float) -> tuple[float, float]:
    """(latitude, longitude) of a world pixel at ``zoom`` (the inverse of ``project``)."""
    size = world_size(zoom)
    longitude = x / size * 360.0 - 180.0
    latitude = math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y / size))))
    return latitude, longitude


def metres_per_pixel(latitude: float, zoom: float) -> float:
    """Ground metres one pixel spans at ``latitude`` (Mercator stretches away from the
    equator, so the scale holds near that latitude only)."""
    lat = math.radians(max(-MAX_LATITUDE, min(MAX_LATITUDE, latitude)))
    return math.cos(lat) * 2.0 * math.pi * MERCATOR_RADIUS_M / world_size(zoom)


# -- fitting ---------------------------------------------------------------------------------


class PixelBounds(NamedTuple):
    """A rectangle of world pixels (at some zoom): left, top, right, bottom."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def scaled(self, factor: float) -> PixelBounds:
        """The same area in world pixels of a zoom ``log2(factor)`` levels deeper."""
        return PixelBounds(
            self.left * factor, self.top * factor, self.right * factor, self.bottom * factor
        )


class Padding(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float

    @classmethod
    def of(cls, padding: float | Padding) -> Padding:
        if isinstance(padding, Padding):
            return padding
        return cls(padding, padding, padding, padding)


def _span(points: Sequence[MapPoint]) -> PixelBounds | None:
    """World-pixel bounds of the located points at zoom 0 (None: none is located)."""
    xs: list[float] = []
    ys: list[float] = []
    for point in points:
        if point.latitude is not None and point.longitude is not None and point.located:
            x, y = project(point.latitude, point.longitude, 0.0)
            xs.append(x)
            ys.append(y)
    if not xs:
        return None
    return PixelBounds(min(xs), min(ys), max(xs), max(ys))


def fit_zoom(
    points: Sequence[MapPoint],
    width_px: float,
    height_px: float,
    padding: float | Padding = DEFAULT_PADDING,
    *,
    integral: bool = False,
    max_zoom: float = MAX_FIT_ZOOM,
    single_point_zoom: float = SINGLE_POINT_ZOOM,
) -> float | None:
    """The largest zoom at which every located point lies inside the view minus its
    padding (None: no point is located).

    The zoom is fractional unless ``integral`` (floored, for drawing tiles 1:1). Points at
    one spot get ``single_point_zoom``; the result never exceeds ``max_zoom`` and never
    falls below 0. Longitudes are not wrapped: points on both sides of the antimeridian
    are fitted the long way round.
    """
    span = _span(points)
    if span is None:
        return None
    pad = Padding.of(padding)
    usable_w = max(1.0, width_px - pad.left - pad.right)
    usable_h = max(1.0, height_px - pad.top - pad.bottom)
    # two positions closer than a millionth of a pixel at zoom 0 (≈ 16 cm) are one spot
    if span.width < 1e-6 and span.height < 1e-6:
        zoom = min(single_point_zoom, max_zoom)
    else:
        scale = min(
            usable_w / span.width if span.width > 0 else math.inf,
            usable_h / span.height if span.height > 0 else math.inf,
        )
        zoom = min(max_zoom, math.log2(scale))
    zoom = max(0.0, zoom)
    return float(math.floor(zoom)) if integral else zoom


@dataclass(frozen=True, slots=True)
class ViewFrame:
    """What a view of ``width`` × ``height`` pixels shows: a zoom and the world pixel (at
    that zoom) of the view's centre."""

    zoom: float
    center_x: float
    center_y: float
    width: float
    height: float

    @property
    def left(self) -> float:
        return self.center_x - self.width / 2.0

    @property
    def top(self) -> float:
        return self.center_y - self.height / 2.0

    @property
    def bounds(self) -> PixelBounds:
        return PixelBounds(self.left, self.top, self.left + self.width, self.top + self.height)

    def to_view(self, latitude: float, longitude: float) -> tuple[float, float]:
        """View pixel (from the top-left corner) of a position."""
        x, y = project(latitude, longitude, self.zoom)
        return x - self.left, y - self.top

    def metres_per_pixel(self) -> float:
        """Ground metres per pixel at the view's centre."""
        latitude, _ = unproject(self.center_x, self.center_y, self.zoom)
        return metres_per_pixel(latitude, self.zoom)


def frame_points(
    points: Sequence[MapPoint],
    width_px: float,
    height_px: float,
    padding: float | Padding = DEFAULT_PADDING,
    *,
    integral: bool = False,
    max_zoom: float = MAX_FIT_ZOOM,
    single_point_zoom: float = SINGLE_POINT_ZOOM,
) -> ViewFrame | None:
    """The view that shows every located point (``fit_zoom``), centred on them within
    the padded area (None: no point is located)."""
    zoom = fit_zoom(
        points,
        width_px,
        height_px,
        padding,
        integral=integral,
        max_zoom=max_zoom,
        single_point_zoom=single_point_zoom,
    )
    span = _span(points)
    if zoom is None or span is None:
        return None
    pad = Padding.of(padding)
    factor = math.pow(2.0, zoom)
    mid_x = (span.left + span.right) / 2.0 * factor
    mid_y = (span.top + span.bottom) / 2.0 * factor
    # the padded area's centre sits (pad.left - pad.right) / 2 right of the view's centre
    center_x = mid_x - (pad.left - pad.right) / 2.0
    center_y = mid_y - (pad.top - pad.bottom) / 2.0
    return ViewFrame(zoom, center_x, center_y, float(width_px), float(height_px))


# -- tiles -----------------------------------------------------------------------------------


class TileKey(NamedTuple):
    z: int
    x: int
    y: int


def tiles_covering(bounds: PixelBounds, zoom: int) -> list[TileKey]:
    """The tiles at integer ``zoom`` that cover ``bounds`` (world pixels at that zoom),
    nearest to the bounds' centre first, so that the middle of a view fills in first.
    Tiles outside the world (beyond the poles' cut or the antimeridian) are left out."""
    count = 2**zoom
    first_x = max(0, math.floor(bounds.left / TILE_SIZE))
    last_x = min(count - 1, math.ceil(bounds.right / TILE_SIZE) - 1)
    first_y = max(0, math.floor(bounds.top / TILE_SIZE))
    last_y = min(count - 1, math.ceil(bounds.bottom / TILE_SIZE) - 1)
    mid_x = (bounds.left + bounds.right) / 2.0 / TILE_SIZE - 0.5
    mid_y = (bounds.top + bounds.bottom) / 2.0 / TILE_SIZE - 0.5
    keys = [
        TileKey(zoom, x, y) for y in range(first_y, last_y + 1) for x in range(first_x, last_x + 1)
    ]
    keys.sort(key=lambda k: ((k.x - mid_x) ** 2 + (k.y - mid_y) ** 2, k.y, k.x))
    return keys


# -- scale bar and distances -----------------------------------------------------------------


class ScaleBar(NamedTuple):
    metres: float
    pixels: float


def scale_bar(metres_per_px: float, max_px: float) -> ScaleBar:
    """The longest "nice" length (1, 2 or 5 × 10ⁿ metres, at least 1 m) whose bar fits in
    ``max_px`` pixels, and the bar's width. At extreme zooms where even 1 m is wider
    than ``max_px``, the 1 m bar is returned as it is."""
    if not (math.isfinite(metres_per_px) and metres_per_px > 0 and max_px > 0):
        raise ValueError("metres per pixel and the bar's room must be positive")
    longest = metres_per_px * max_px
    exponent = max(0, math.floor(math.log10(longest)))
    best = 1.0
    for power in (exponent - 1, exponent):
        for step in (1.0, 2.0, 5.0):
            length = step * 10.0**power
            if length <= longest and length > best:
                best = length
    return ScaleBar(best, best / metres_per_px)


def distance_text_parts(metres: float, decimal_separator: str = ".") -> tuple[str, str]:
    """A distance as a number and its unit, ``("42", "m")`` or ``("3.1", "km")``.

    Below 1 km whole metres; from 1 km to under 10 km one decimal (dropped when it is 0:
    ``"2"``, not ``"2.0"``); from 10 km whole kilometres. The number carries no grouping;
    the decimal separator is the caller's (the UI passes its locale's). The UI composes
    the text with a translatable pattern such as ``"{value} km"``.
    """
    if not math.isfinite(metres) or metres < 0:
        raise ValueError(f"not a distance: {metres!r}")
    whole_metres = round(metres)
    if whole_metres < 1000:
        return str(whole_metres), "m"
    tenths = round(metres / 100.0)
    if tenths < 100:
        value = f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"
        return value.replace(".", decimal_separator), "km"
    return str(round(metres / 1000.0)), "km"
