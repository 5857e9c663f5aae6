"""Which tile server the map may ask for background tiles, and the errors of asking.

Tiles are **off** until a person turns them on: every tile request tells the server
where the customer whose item is on screen is, so the server must be one the company
agrees to send that to (its own, or a public one such as OpenStreetMap's under its tile
usage policy). The settings name the server, its attribution (shown on the map while
tiles are on), the User-Agent the desk sends and how long tiles stay cached on disk.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Self
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator, model_validator

from ordinavo_desk import __version__
from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.errors import DeskError, SettingsError
from ordinavo_desk.domain.validation import input_error_from

#: Where OpenStreetMap's tile usage policy asks apps to be reachable from the User-Agent.
CONTACT_URL = "https://ordinavo.de"
DEFAULT_USER_AGENT = f"OrdinavoDesk/{__version__} (+{CONTACT_URL})"
OSM_URL_TEMPLATE = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
_PLACEHOLDERS = frozenset({"z", "x", "y"})


class TileError(DeskError):
    """Base of the errors of map tiles."""


class TilesDisabledError(TileError):
    """Tiles were asked for while the tile server is switched off in the settings."""


class TileFetchError(TileError):
    """A tile could not be fetched: the server failed, timed out or answered nonsense.

    ``status`` is the HTTP status when the server answered (None: no answer)."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None):
        self.message = message
        self.url = url
        self.status = status
        super().__init__(f"{message} ({url})" if url else message)


class TilePreset(StrEnum):
    OPENSTREETMAP = "openstreetmap"
    CUSTOM = "custom"


def check_url_template(template: str) -> str:
    """``template`` if it is an http(s) URL with exactly the placeholders {z}, {x}, {y}
    (each at least once); ValueError with a plain message otherwise."""
    text = template.strip()
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(
            "must be an http:// or https:// address such as "
            "https://tiles.example.com/{z}/{x}/{y}.png"
        )
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ValueError(f"has unbalanced braces ({exc})") from None
    unknown = sorted(fields - _PLACEHOLDERS)
    if unknown:
        names = ", ".join("{" + name + "}" for name in unknown)
        raise ValueError(f"may only use the placeholders {{z}}, {{x}} and {{y}}, not {names}")
    absent = [name for name in ("z", "x", "y") if name not in fields]
    if absent:
        names = ", ".join("{" + name + "}" for name in absent)
        raise ValueError(f"must contain {{z}}, {{x}} and {{y}}; {names} is missing")
    return text


class TileServer(WireModel):
    """The tile settings of the desk. The default is switched off and names no server."""

    enabled: bool = False
    preset: TilePreset = TilePreset.CUSTOM
    name: str = ""
    url_template: str = ""
    attribution: str = ""
    user_agent: str = DEFAULT_USER_AGENT
    max_zoom: int = Field(default=19, ge=0, le=22)
    #: How long a tile is used from the disk cache before it is fetched again.
    cache_days: int = Field(default=7, ge=1, le=365)

    @field_validator("name", "attribution")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        return value.strip()

    @field_validator("url_template")
    @classmethod
    def _template(cls, value: str) -> str:
        return check_url_template(value) if value.strip() else ""

    @field_validator("user_agent")
    @classmethod
    def _user_agent(cls, value: str) -> str:
        text = value.strip()
        if not text:
            raise ValueError("must name the application (e.g. " + DEFAULT_USER_AGENT + ")")
        if not text.isascii() or not text.isprintable():
            raise ValueError("must be printable ASCII (it is sent as an HTTP header)")
        return text

    @model_validator(mode="after")
    def _usable_when_enabled(self) -> Self:
        if self.enabled and not self.url_template:
            raise ValueError("an enabled tile server needs a URL template")
        return self

    @property
    def display_name(self) -> str:
        return self.name or urlsplit(self.url_template).netloc

    @property
    def cache_key(self) -> str:
        """A short name of the server for its directory in the tile cache."""
        return hashlib.sha256(self.url_template.encode("utf-8")).hexdigest()[:16]

    def tile_url(self, z: int, x: int, y: int) -> str:
        return self.url_template.format(z=z, x=x, y=y)


def openstreetmap_preset(*, enabled: bool = False) -> TileServer:
    """OpenStreetMap's standard tile server (light use only, under its tile usage policy:
    https://operations.osmfoundation.org/policies/tiles/)."""
    return TileServer(
        enabled=enabled,
        preset=TilePreset.OPENSTREETMAP,
        name="OpenStreetMap",
        url_template=OSM_URL_TEMPLATE,
        attribution=OSM_ATTRIBUTION,
        max_zoom=19,
    )


def custom_preset(
    url_template: str = "", *, name: str = "", attribution: str = "", enabled: bool = False
) -> TileServer:
    """A server of the company's own choosing (validated like any other settings)."""
    return tile_server_from(
        {
            "enabled": enabled,
            "preset": TilePreset.CUSTOM,
            "name": name,
            "urlTemplate": url_template,
            "attribution": attribution,
        }
    )


PRESETS: Mapping[TilePreset, TileServer] = {
    TilePreset.OPENSTREETMAP: openstreetmap_preset(),
    TilePreset.CUSTOM: TileServer(),
}
DEFAULT_TILE_SERVER = TileServer()


def tile_server_from(data: Mapping[str, Any]) -> TileServer:
    """Validated tile settings; SettingsError naming the field (``tiles.urlTemplate: …``)
    when they are not usable."""
    try:
        return TileServer.model_validate(dict(data))
    except ValidationError as exc:
        error = input_error_from(exc, prefix="tiles")
        message = error.message.removeprefix("Value error, ")
        raise SettingsError(message, field=error.field) from None
