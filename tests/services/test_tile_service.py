"""Tile settings in a real store, and tiles fetched from a real HTTP server on 127.0.0.1
through the disk cache."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ordinavo_desk import __version__
from ordinavo_desk.domain.errors import DeskError, SettingsError
from ordinavo_desk.domain.map_tiles import (
    DEFAULT_TILE_SERVER,
    OSM_ATTRIBUTION,
    OSM_URL_TEMPLATE,
    PRESETS,
    TileFetchError,
    TilePreset,
    TilesDisabledError,
    TileServer,
    custom_preset,
    openstreetmap_preset,
    tile_server_from,
)
from ordinavo_desk.services.tile_service import TileFetcher
from ordinavo_desk.services.tile_settings import TILES_KEY, TileSettingsService, default_cache_dir
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.rows import DeskStateRow
from tests.services.tile_harness import TileStub, tile_png, tile_server


@pytest.fixture
def stub() -> Iterator[TileStub]:
    with tile_server() as running:
        yield running


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    try:
        yield store
    finally:
        store.dispose()


# -- settings --------------------------------------------------------------------------------


def test_tiles_are_off_by_default() -> None:
    assert DEFAULT_TILE_SERVER.enabled is False
    assert DEFAULT_TILE_SERVER.url_template == ""
    assert PRESETS[TilePreset.CUSTOM] == DEFAULT_TILE_SERVER
    osm = PRESETS[TilePreset.OPENSTREETMAP]
    assert osm.enabled is False
    assert osm.url_template == OSM_URL_TEMPLATE == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert osm.attribution == OSM_ATTRIBUTION == "© OpenStreetMap contributors"
    assert osm.max_zoom == 19
    assert osm.user_agent.startswith(f"OrdinavoDesk/{__version__} (+http")


def test_settings_round_trip_through_a_real_store(sqlite_store: Store) -> None:
    service = TileSettingsService(sqlite_store)
    assert service.get() == DEFAULT_TILE_SERVER
    osm = openstreetmap_preset(enabled=True)
    service.save(osm)
    assert service.get() == osm
    custom = custom_preset(
        "https://tiles.example.com/{z}/{x}/{y}.png", name="Our tiles", enabled=True
    ).model_copy(update={"cache_days": 30, "max_zoom": 17})
    service.save(custom)
    assert TileSettingsService(sqlite_store).get() == custom
    with sqlite_store.unit_of_work() as session:
        stored = json.loads(session.get(DeskStateRow, TILES_KEY).value)  # type: ignore[union-attr]
    assert stored["urlTemplate"] == "https://tiles.example.com/{z}/{x}/{y}.png"
    assert stored["enabled"] is True and stored["cacheDays"] == 30


def test_unusable_stored_settings_leave_tiles_off(sqlite_store: Store) -> None:
    with sqlite_store.unit_of_work() as session:
        session.add(DeskStateRow(key=TILES_KEY, value='{"enabled": true, "urlTemplate": "x"}'))
    assert TileSettingsService(sqlite_store).get() == DEFAULT_TILE_SERVER
    with sqlite_store.unit_of_work() as session:
        session.get(DeskStateRow, TILES_KEY).value = "not json"  # type: ignore[union-attr]
    assert TileSettingsService(sqlite_store).get() == DEFAULT_TILE_SERVER


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("ftp://tiles.example.com/{z}/{x}/{y}.png", "must be an http:// or https:// address"),
        ("tiles.example.com/{z}/{x}/{y}.png", "must be an http:// or https:// address"),
        ("https://tiles.example.com/{z}/{x}.png", "{y} is missing"),
        ("https://{s}.tile.example.com/{z}/{x}/{y}.png", "not {s}"),
        ("https://tiles.example.com/{z}/{x}/{y.png", "unbalanced braces"),
    ],
)
def test_invalid_url_templates_are_refused_plainly(template: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        tile_server_from({"enabled": True, "urlTemplate": template})
    assert caught.value.field == "tiles.urlTemplate"
    assert message in str(caught.value)
    assert str(caught.value).startswith("field tiles.urlTemplate: ")


def test_an_enabled_server_needs_a_url_and_a_user_agent() -> None:
    with pytest.raises(SettingsError, match="needs a URL template"):
        tile_server_from({"enabled": True})
    with pytest.raises(SettingsError, match="userAgent"):
        tile_server_from({"urlTemplate": OSM_URL_TEMPLATE, "userAgent": "  "})
    with pytest.raises(SettingsError, match="cacheDays"):
        tile_server_from({"urlTemplate": OSM_URL_TEMPLATE, "cacheDays": 0})


def test_the_default_cache_lies_in_the_user_cache_dir(platformdirs_isolated: Path) -> None:
    from platformdirs import user_cache_path

    assert default_cache_dir() == user_cache_path("ordinavo-desk", appauthor=False) / "tiles"
    assert default_cache_dir().is_relative_to(platformdirs_isolated)  # tests: under tmp_path


# -- fetching --------------------------------------------------------------------------------


def test_a_tile_is_fetched_once_and_then_served_from_the_cache(
    stub: TileStub, tmp_path: Path
) -> None:
    server = stub.server()
    with TileFetcher(server, tmp_path / "tiles") as fetcher:
        first = fetcher.tile(15, 17000, 10936)
        assert first == tile_png(15, 17000, 10936)
        assert stub.paths() == ["/tiles/15/17000/10936.png"]
        cached = tmp_path / "tiles" / server.cache_key / "15" / "17000" / "10936.png"
        assert cached.read_bytes() == first
        assert fetcher(15, 17000, 10936) == first  # callable, as the map panel wants it
        assert len(stub.paths()) == 1
        assert not list(cached.parent.glob("*.part"))  # no temporary files left
    # a new fetcher (the next session) finds it too
    with TileFetcher(server, tmp_path / "tiles") as again:
        assert again.tile(15, 17000, 10936) == first
        assert again.requests == 0
    assert len(stub.paths()) == 1


def test_requests_name_the_desk_in_the_user_agent(stub: TileStub, tmp_path: Path) -> None:
    with TileFetcher(stub.server(), tmp_path) as fetcher:
        fetcher.tile(3, 4, 2)
    headers = stub.requests[0].headers
    assert headers["User-Agent"] == f"OrdinavoDesk/{__version__} (+https://ordinavo.de)"
    custom = stub.server(user_agent="AcmeDispatch/2.0 (+mailto:it@acme.example)")
    with TileFetcher(custom, tmp_path) as fetcher:
        fetcher.tile(3, 5, 2)
    assert stub.requests[1].headers["User-Agent"] == "AcmeDispatch/2.0 (+mailto:it@acme.example)"


def test_an_expired_tile_is_fetched_again(stub: TileStub, tmp_path: Path) -> None:
    now = [time.time()]
    server = stub.server(cache_days=2)
    with TileFetcher(server, tmp_path, clock=lambda: now[0]) as fetcher:
        fetcher.tile(5, 1, 1)
        now[0] += 1.9 * 86_400
        fetcher.tile(5, 1, 1)
        assert len(stub.paths()) == 1
        now[0] += 0.2 * 86_400
        fetcher.tile(5, 1, 1)
        assert len(stub.paths()) == 2


def test_a_missing_tile_is_none_and_not_cached(stub: TileStub, tmp_path: Path) -> None:
    stub.missing.add("/tiles/4/1/1.png")
    with TileFetcher(stub.server(), tmp_path) as fetcher:
        assert fetcher.tile(4, 1, 1) is None
        assert not fetcher.cache_path(4, 1, 1).exists()
        # outside the world or beyond the server's zoom: nothing to ask for
        assert fetcher.tile(2, 4, 0) is None
        assert fetcher.tile(20, 0, 0) is None
    assert stub.paths() == ["/tiles/4/1/1.png"]


def test_a_server_error_is_a_typed_error_and_nothing_is_cached(
    stub: TileStub, tmp_path: Path
) -> None:
    stub.status = 500
    with TileFetcher(stub.server(), tmp_path) as fetcher:
        with pytest.raises(TileFetchError) as caught:
            fetcher.tile(6, 33, 21)
        assert caught.value.status == 500
        assert isinstance(caught.value, DeskError)
        assert "HTTP 500" in str(caught.value)
        assert not fetcher.cache_path(6, 33, 21).exists()
        assert not list(tmp_path.rglob("*.part"))
        # the server is left alone for a while: no storm of requests for the next tiles
        stub.status = None
        with pytest.raises(TileFetchError, match="not asking again"):
            fetcher.tile(6, 34, 21)
    assert len(stub.paths()) == 1


def test_a_slow_server_times_out_with_a_typed_error(stub: TileStub, tmp_path: Path) -> None:
    stub.delay = 1.0
    with TileFetcher(stub.server(), tmp_path, timeout=0.2) as fetcher:
        started = time.monotonic()
        with pytest.raises(TileFetchError, match="did not answer in time"):
            fetcher.tile(6, 33, 21)
        assert time.monotonic() - started < 0.9
        assert not fetcher.cache_path(6, 33, 21).exists()


def test_a_stale_copy_stands_in_when_the_server_fails(stub: TileStub, tmp_path: Path) -> None:
    server = stub.server(cache_days=1)
    with TileFetcher(server, tmp_path) as fetcher:
        fresh = fetcher.tile(7, 66, 43)
        path = fetcher.cache_path(7, 66, 43)
        old = time.time() - 3 * 86_400
        os.utime(path, (old, old))
        stub.status = 503
        assert fetcher.tile(7, 66, 43) == fresh
    assert len(stub.paths()) == 2


def test_a_non_image_answer_is_refused(stub: TileStub, tmp_path: Path) -> None:
    stub.portal = True  # a captive portal answers 200 with its login page
    with TileFetcher(stub.server(), tmp_path) as fetcher:
        with pytest.raises(TileFetchError, match="no image"):
            fetcher.tile(1, 0, 0)
        assert not fetcher.cache_path(1, 0, 0).exists()


def test_a_switched_off_server_is_never_asked(stub: TileStub, tmp_path: Path) -> None:
    server = stub.server(enabled=False)
    with TileFetcher(server, tmp_path) as fetcher, pytest.raises(TilesDisabledError):
        fetcher.tile(1, 0, 0)
    assert stub.paths() == []


def test_servers_are_cached_apart(stub: TileStub, tmp_path: Path) -> None:
    one = stub.server()
    other: TileServer = stub.server(
        url_template=f"http://127.0.0.1:{stub.port}/tiles/{{z}}/{{x}}/{{y}}.png?style=2"
    )
    assert one.cache_key != other.cache_key
    with TileFetcher(one, tmp_path) as a, TileFetcher(other, tmp_path) as b:
        a.tile(2, 1, 1)
        b.tile(2, 1, 1)
    assert len(stub.paths()) == 2
