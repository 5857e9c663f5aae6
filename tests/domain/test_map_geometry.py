"""The map's geometry: projection, fitting, tiles, scale bar, distance texts, and which
points count as located."""

from __future__ import annotations

import math

import pytest

from ordinavo_desk.domain.map_geometry import (
    MAX_LATITUDE,
    SINGLE_POINT_ZOOM,
    MapPoint,
    MarkerKind,
    Padding,
    PixelBounds,
    TileKey,
    distance_text_parts,
    fit_zoom,
    frame_points,
    is_located,
    metres_per_pixel,
    missing_points,
    project,
    scale_bar,
    tiles_covering,
    unproject,
    world_size,
)

DUESSELDORF = (51.2277, 6.7735)
ESSEN = (51.4556, 7.0116)
KOELN = (50.9375, 6.9603)


def _point(key: str, lat: float | None, lon: float | None, rank: int | None = 1) -> MapPoint:
    kind = MarkerKind.INCOMING if key == "in" else MarkerKind.CANDIDATE
    return MapPoint(key, key, kind, None if key == "in" else rank, lat, lon)


@pytest.mark.parametrize("zoom", [0.0, 3.0, 10.5, 15.0, 19.0])
@pytest.mark.parametrize(
    ("lat", "lon"), [(0.0, 0.0), DUESSELDORF, (-33.86, 151.21), (64.1, -21.9), (85.0, -179.9)]
)
def test_projection_round_trips(zoom: float, lat: float, lon: float) -> None:
    x, y = project(lat, lon, zoom)
    assert 0.0 <= x <= world_size(zoom) and 0.0 <= y <= world_size(zoom)
    back_lat, back_lon = unproject(x, y, zoom)
    assert back_lat == pytest.approx(lat, abs=1e-9)
    assert back_lon == pytest.approx(lon, abs=1e-9)


def test_projection_follows_the_tile_layout() -> None:
    assert project(0.0, 0.0, 0) == pytest.approx((128.0, 128.0))
    assert project(MAX_LATITUDE, -180.0, 1) == pytest.approx((0.0, 0.0), abs=1e-6)
    # latitudes beyond the Mercator cut are clipped to its edge, not thrown off the map
    assert project(89.9, 0.0, 2)[1] == pytest.approx(0.0, abs=1e-6)
    assert project(-90.0, 0.0, 2)[1] == pytest.approx(world_size(2), abs=1e-6)
    # the tile holding Düsseldorf at zoom 15, by the slippy-map formula of the OSM wiki
    x, y = project(*DUESSELDORF, 15)
    n = 2**15
    lat = math.radians(DUESSELDORF[0])
    expected_y = int((1.0 - math.asinh(math.tan(lat)) / math.pi) / 2.0 * n)
    assert (int(x // 256), int(y // 256)) == (17000, expected_y) == (17000, 10936)


def test_metres_per_pixel_matches_the_usual_table() -> None:
    assert metres_per_pixel(0.0, 0) == pytest.approx(156_543.03, rel=1e-6)
    assert metres_per_pixel(60.0, 10) == pytest.approx(156_543.03 / 1024 / 2, rel=1e-6)


@pytest.mark.parametrize(
    ("lat", "lon", "located"),
    [
        (51.2, 6.7, True),
        (0.0, 6.7, True),  # on the equator: a real place
        (51.2, 0.0, True),  # on the prime meridian: Greenwich
        (0.0, 0.0, False),  # the null island of missing geocodes
        (None, 6.7, False),
        (51.2, None, False),
        (None, None, False),
        (math.nan, 6.7, False),
        (51.2, math.inf, False),
        (91.0, 6.7, False),
        (51.2, 181.0, False),
    ],
)
def test_which_points_are_located(lat: float | None, lon: float | None, located: bool) -> None:
    assert is_located(lat, lon) is located
    assert _point("c", lat, lon).located is located


def test_missing_points_keep_their_order() -> None:
    points = [_point("in", 0.0, 0.0), _point("c1", *ESSEN), _point("c2", None, 7.0, rank=2)]
    assert [p.key for p in missing_points(points)] == ["in", "c2"]
    assert fit_zoom(points[::2], 600, 400) is None
    assert frame_points(points[::2], 600, 400) is None


def test_one_point_gets_the_default_zoom_and_the_centre() -> None:
    points = [_point("in", *DUESSELDORF), _point("c1", None, None)]
    assert fit_zoom(points, 600, 400) == SINGLE_POINT_ZOOM
    frame = frame_points(points, 600, 400, padding=40)
    assert frame is not None
    assert frame.to_view(*DUESSELDORF) == pytest.approx((300.0, 200.0))
    # a point exactly twice at one spot is still one spot
    twice = [_point("in", *DUESSELDORF), _point("c1", *DUESSELDORF)]
    assert fit_zoom(twice, 600, 400) == SINGLE_POINT_ZOOM


@pytest.mark.parametrize("integral", [False, True])
@pytest.mark.parametrize(
    ("width", "height", "padding"),
    [(600, 400, 40.0), (300, 700, 20.0), (1200, 300, Padding(10.0, 60.0, 30.0, 50.0))],
)
def test_several_points_fit_inside_the_padded_view(
    width: int, height: int, padding: float | Padding, integral: bool
) -> None:
    points = [
        _point("in", *DUESSELDORF),
        _point("c1", *ESSEN),
        _point("c2", *KOELN, rank=2),
        _point("c3", 51.2301, 6.7802, rank=3),
    ]
    frame = frame_points(points, width, height, padding, integral=integral)
    assert frame is not None
    pad = Padding.of(padding)
    inside = [frame.to_view(p.latitude, p.longitude) for p in points]  # type: ignore[arg-type]
    for x, y in inside:
        assert pad.left - 1e-6 <= x <= width - pad.right + 1e-6
        assert pad.top - 1e-6 <= y <= height - pad.bottom + 1e-6
    if integral:
        assert frame.zoom == int(frame.zoom)
        # the next zoom would not fit
        tighter = frame_points(points, width, height, padding, max_zoom=frame.zoom + 1)
        assert tighter is not None and tighter.zoom < frame.zoom + 1
    else:
        # fractional: the points touch the padded area on one axis
        xs = [x for x, _ in inside]
        ys = [y for _, y in inside]
        spans = (
            (max(xs) - min(xs)) / (width - pad.left - pad.right),
            (max(ys) - min(ys)) / (height - pad.top - pad.bottom),
        )
        assert max(spans) == pytest.approx(1.0)


def test_close_points_stop_at_the_maximum_zoom() -> None:
    points = [_point("in", 51.22770, 6.77350), _point("c1", 51.22771, 6.77351)]
    assert fit_zoom(points, 600, 400) == 18.0
    assert fit_zoom(points, 600, 400, max_zoom=16.0) == 16.0


def test_far_points_never_zoom_below_the_world() -> None:
    points = [_point("in", 70.0, -170.0), _point("c1", -70.0, 170.0)]
    assert fit_zoom(points, 100, 100, padding=40) == 0.0


def test_tiles_cover_the_view_centre_first() -> None:
    bounds = PixelBounds(100.0, 300.0, 700.0, 700.0)
    keys = tiles_covering(bounds, 5)
    assert {(k.x, k.y) for k in keys} == {(x, y) for x in range(3) for y in range(1, 3)}
    assert all(k.z == 5 for k in keys)
    assert keys[0] in (TileKey(5, 1, 1), TileKey(5, 1, 2))
    # at the world's edges nothing outside it is asked for
    assert tiles_covering(PixelBounds(-300.0, -300.0, 200.0, 200.0), 0) == [TileKey(0, 0, 0)]
    assert tiles_covering(PixelBounds(0.0, 0.0, 512.0, 512.0), 1) == sorted(
        tiles_covering(PixelBounds(0.0, 0.0, 512.0, 512.0), 1), key=lambda k: (k.y, k.x)
    )


def test_a_frame_is_covered_by_its_tiles() -> None:
    points = [_point("in", *DUESSELDORF), _point("c1", *ESSEN)]
    frame = frame_points(points, 800, 600, integral=True)
    assert frame is not None
    keys = tiles_covering(frame.bounds, int(frame.zoom))
    left = min(k.x for k in keys) * 256
    top = min(k.y for k in keys) * 256
    right = (max(k.x for k in keys) + 1) * 256
    bottom = (max(k.y for k in keys) + 1) * 256
    assert left <= frame.bounds.left and top <= frame.bounds.top
    assert right >= frame.bounds.right and bottom >= frame.bounds.bottom
    assert len(keys) <= (800 // 256 + 2) * (600 // 256 + 2)


@pytest.mark.parametrize(
    ("mpp", "max_px", "metres"),
    [
        (1.0, 120.0, 100.0),
        (3.2, 120.0, 200.0),
        (0.4, 120.0, 20.0),
        (10.0, 120.0, 1000.0),
        (45.0, 120.0, 5000.0),
        (152.87, 100.0, 10_000.0),
        (0.001, 120.0, 1.0),  # never below one metre, even if wider than the room
    ],
)
def test_scale_bar_is_nice(mpp: float, max_px: float, metres: float) -> None:
    bar = scale_bar(mpp, max_px)
    assert bar.metres == metres
    assert bar.pixels == pytest.approx(metres / mpp)
    digits = f"{bar.metres:.0f}".rstrip("0")
    assert digits in {"1", "2", "5"}
    if metres > 1.0:
        assert bar.pixels <= max_px
        assert bar.pixels > max_px / 2.5  # the next nice length would not fit


def test_scale_bar_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="positive"):
        scale_bar(0.0, 100.0)
    with pytest.raises(ValueError, match="positive"):
        scale_bar(math.nan, 100.0)


@pytest.mark.parametrize(
    ("metres", "expected"),
    [
        (0.0, ("0", "m")),
        (7.4, ("7", "m")),
        (42.0, ("42", "m")),
        (950.0, ("950", "m")),
        (999.4, ("999", "m")),
        (999.6, ("1", "km")),
        (1000.0, ("1", "km")),
        (1049.0, ("1", "km")),
        (3100.0, ("3.1", "km")),
        (3149.0, ("3.1", "km")),
        (9949.0, ("9.9", "km")),
        (9960.0, ("10", "km")),
        (12_000.0, ("12", "km")),
        (12_400.0, ("12", "km")),
        (412_600.0, ("413", "km")),
    ],
)
def test_distance_text(metres: float, expected: tuple[str, str]) -> None:
    assert distance_text_parts(metres) == expected


def test_distance_text_takes_the_decimal_separator() -> None:
    assert distance_text_parts(3100.0, ",") == ("3,1", "km")
    assert distance_text_parts(42.0, ",") == ("42", "m")
    with pytest.raises(ValueError, match="not a distance"):
        distance_text_parts(-1.0)
