"""The map tile settings, kept as JSON under one key of the store's ``desk_state``.

Apart from ``tile_service`` (which fetches tiles and brings the HTTP client), so that
reading whether tiles are on costs the window nothing it does not need.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from platformdirs import user_cache_dir

from ordinavo_desk.domain.errors import SettingsError
from ordinavo_desk.domain.map_tiles import DEFAULT_TILE_SERVER, TileServer, tile_server_from
from ordinavo_desk.store.database import APP_NAME, Store
from ordinavo_desk.store.rows import DeskStateRow

_log = logging.getLogger(__name__)

TILES_KEY = "tiles.server"


def default_cache_dir() -> Path:
    """``<user cache dir>/ordinavo-desk/tiles`` (e.g. ``~/.cache/ordinavo-desk/tiles``)."""
    return Path(user_cache_dir(APP_NAME, appauthor=False)) / "tiles"


class TileSettingsService:
    """The desk's tile settings, as JSON under one key of the store's ``desk_state``."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self) -> TileServer:
        """The saved settings; the default (switched off) when none are saved, or when the
        saved ones are no longer valid (tiles are never switched on by accident)."""
        with self._store.unit_of_work() as session:
            state = session.get(DeskStateRow, TILES_KEY)
            text = state.value if state is not None else None
        if text is None:
            return DEFAULT_TILE_SERVER
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise SettingsError("not a JSON object", field="tiles")
            return tile_server_from(data)
        except (ValueError, SettingsError) as exc:
            _log.warning("ignoring unusable tile settings (tiles stay off): %s", exc)
            return DEFAULT_TILE_SERVER

    def save(self, server: TileServer) -> None:
        text = json.dumps(server.model_dump(mode="json", by_alias=True), sort_keys=True)
        with self._store.unit_of_work() as session:
            state = session.get(DeskStateRow, TILES_KEY)
            if state is None:
                session.add(DeskStateRow(key=TILES_KEY, value=text))
            else:
                state.value = text
