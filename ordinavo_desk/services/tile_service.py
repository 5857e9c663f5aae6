"""Map tiles: fetching tiles through a disk cache (the settings: ``tile_settings``).

``TileFetcher.tile(z, x, y)`` is meant for a worker thread (the map asks for tiles off the
UI thread). A fetcher holds one ``httpx.Client`` and sends one request at a time under a
lock: tile servers such as OpenStreetMap's ask clients for few parallel connections,
and a client is never used by two threads at once. Reading the disk cache needs no lock.

No retries: a tile that fails stays blank until the map asks again (the next item). After
a connection failure, a timeout, a 5xx or a 429 the fetcher stops asking the server for a
short while (``cooldown``) and fails at once instead, so a server that is down is not
hammered with every tile of every item.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import httpx

from ordinavo_desk.domain.map_tiles import (
    TileFetchError,
    TilesDisabledError,
    TileServer,
)
from ordinavo_desk.services.tile_settings import default_cache_dir

_log = logging.getLogger(__name__)

#: Seconds to wait for a connection and for each read (one tile is small).
TILE_TIMEOUT_S = 5.0
#: Seconds without requests after the server failed (a Retry-After of a 429 wins).
COOLDOWN_S = 30.0
_DAY_S = 86_400.0


class TileFetcher:
    """Tiles of one server: from the disk cache while fresh, else from the server.

    ``client`` is for tests and for sharing a configured transport; the caller owns an
    injected client (``close`` leaves it open). Every request carries the server's
    User-Agent whichever client is used.
    """

    def __init__(
        self,
        server: TileServer,
        cache_dir: Path | None = None,
        client: httpx.Client | None = None,
        *,
        timeout: float = TILE_TIMEOUT_S,
        cooldown: float = COOLDOWN_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.server = server
        self.cache_dir = (cache_dir or default_cache_dir()) / server.cache_key
        self._own_client = client is None
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=True, max_redirects=3
        )
        self._timeout = timeout
        self._cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._quiet_until = 0.0
        self.requests = 0  # requests sent to the server (tests, diagnostics)

    # -- the cache ---------------------------------------------------------------------------

    def cache_path(self, z: int, x: int, y: int) -> Path:
        return self.cache_dir / str(z) / str(x) / f"{y}.png"

    def cached(self, z: int, x: int, y: int, *, stale_ok: bool = False) -> bytes | None:
        """The cached tile while fresh (or at any age with ``stale_ok``), else None."""
        path = self.cache_path(z, x, y)
        try:
            if not stale_ok:
                age = self._clock() - path.stat().st_mtime
                if age > self.server.cache_days * _DAY_S:
                    return None
            return path.read_bytes()
        except OSError:
            return None

    def _store(self, z: int, x: int, y: int, data: bytes) -> None:
        path = self.cache_path(z, x, y)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{y}.", suffix=".part")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temp, path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as exc:  # a full or read-only disk costs the cache, not the tile
            _log.warning("could not cache tile %s/%s/%s: %s", z, x, y, exc)

    # -- fetching ----------------------------------------------------------------------------

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile's image bytes; None when there is no such tile (the server answers
        404, or z, x, y lie outside the world or beyond the server's ``max_zoom``).

        Raises TilesDisabledError when tiles are switched off, TileFetchError when the
        server fails (a stale cached copy is returned instead, where there is one).
        """
        if not self.server.enabled:
            raise TilesDisabledError("map tiles are switched off in the settings")
        if not (0 <= z <= self.server.max_zoom and 0 <= x < 2**z and 0 <= y < 2**z):
            return None
        fresh = self.cached(z, x, y)
        if fresh is not None:
            return fresh
        with self._lock:
            fresh = self.cached(z, x, y)  # another thread may have fetched it meanwhile
            if fresh is not None:
                return fresh
            try:
                data = self._fetch(z, x, y)
            except TileFetchError:
                stale = self.cached(z, x, y, stale_ok=True)
                if stale is not None:
                    return stale
                raise
            if data is not None:
                self._store(z, x, y, data)
            return data

    __call__ = tile

    def _fetch(self, z: int, x: int, y: int) -> bytes | None:
        url = self.server.tile_url(z, x, y)
        now = self._clock()
        if now < self._quiet_until:
            raise TileFetchError(
                f"the tile server failed; not asking again for {self._quiet_until - now:.0f} s",
                url=url,
            )
        self.requests += 1
        try:
            response = self._client.get(
                url,
                headers={"User-Agent": self.server.user_agent, "Accept": "image/*"},
                timeout=self._timeout,
            )
        except httpx.TimeoutException:
            self._quiet(self._cooldown)
            raise TileFetchError("the tile server did not answer in time", url=url) from None
        except httpx.HTTPError as exc:
            self._quiet(self._cooldown)
            raise TileFetchError(f"the tile server is unreachable: {exc}", url=url) from None
        status = response.status_code
        if status == 404:
            return None
        if status != 200:
            if status == 429 or status >= 500:
                self._quiet(_retry_after(response) or self._cooldown)
            raise TileFetchError(f"the tile server answered HTTP {status}", url=url, status=status)
        content_type = response.headers.get("Content-Type", "image/")
        if not content_type.startswith("image/") or not response.content:
            raise TileFetchError(
                f"the tile server sent no image ({content_type or 'no content type'})",
                url=url,
                status=status,
            )
        return response.content

    def _quiet(self, seconds: float) -> None:
        self._quiet_until = self._clock() + seconds

    # -- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        if self._own_client:
            self._client.close()

    def __enter__(self) -> TileFetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        seconds = float(value)
    except ValueError:
        return None
    return min(max(seconds, 1.0), 3600.0)
