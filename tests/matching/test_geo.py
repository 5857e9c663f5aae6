"""Distances and grid cells."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ordinavo_desk.matching.geo import cells_within, distance_m, grid_cell


def test_known_distances() -> None:
    assert distance_m(51.451, 7.012, 51.451, 7.012) == 0.0
    # Essen Hbf → Düsseldorf Hbf, about 31 km as the crow flies
    assert distance_m(51.4513, 7.0138, 51.2199, 6.7942) == pytest.approx(30_300, rel=0.02)
    # 0.001° of latitude is about 111 m
    assert distance_m(51.0, 7.0, 51.001, 7.0) == pytest.approx(111.2, abs=0.5)


LAT = st.floats(min_value=-80, max_value=80)
LON = st.floats(min_value=-180, max_value=179.999)


@given(
    LAT,
    LON,
    st.floats(min_value=-0.004, max_value=0.004),
    st.floats(min_value=-0.004, max_value=0.004),
)
def test_a_point_within_the_radius_lies_in_a_searched_cell(
    lat: float, lon: float, dlat: float, dlon: float
) -> None:
    other_lat, other_lon = lat + dlat, ((lon + dlon + 180) % 360) - 180
    radius = distance_m(lat, lon, other_lat, other_lon) + 1
    assert grid_cell(other_lat, other_lon) in cells_within(lat, lon, radius)


@given(LAT, LON, LAT, LON)
def test_distance_is_symmetric_and_bounded(a: float, b: float, c: float, d: float) -> None:
    assert distance_m(a, b, c, d) == pytest.approx(distance_m(c, d, a, b))
    assert 0 <= distance_m(a, b, c, d) <= 20_016_000
