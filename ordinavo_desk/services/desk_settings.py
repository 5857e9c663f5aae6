"""What the settings window works with: the profiles (their server, whether a key is stored,
a connection test), the rules and scopes of a profile, and the map tile settings.

Every method blocks (store, keyring, network): the window calls them off the UI thread.
API keys go into the keyring through ``ApiKeyStore`` and nowhere else: no method returns a
key, nor a masked form of it; the window only learns whether one is stored.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ordinavo_desk.connect.errors import ApiError, AuthError, ConnectError, ForbiddenError
from ordinavo_desk.connect.keys import ApiKeyStore, KeySource, KeyStoreError
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.domain.map_tiles import TileServer
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.connection import ClientFactory, check_base_url, open_client
from ordinavo_desk.services.connection_state import Reachability
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.scope_capabilities import Capability, capabilities
from ordinavo_desk.services.tile_settings import TileSettingsService, default_cache_dir
from ordinavo_desk.store.database import Store

#: Seconds a connection test may take, connecting and reading.
TEST_TIMEOUT = 5.0


class KeyState(StrEnum):
    """Whether the desk has an API key for a profile (never the key itself)."""

    #: A key is stored in the system keyring.
    KEYRING = "keyring"
    #: No key is stored, but ORDINAVO_DESK_API_KEY gives one (used, never stored).
    ENVIRONMENT = "environment"
    #: No key at all.
    NONE = "none"
    #: The keyring could not be read (locked, or it refused).
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class ProfileEntry:
    profile: Profile
    current: bool
    key: KeyState

    @property
    def name(self) -> str:
        return self.profile.name


@dataclass(frozen=True, slots=True)
class ProfileOverview:
    """Every profile, which one is current, and whether keys can be stored at all."""

    entries: tuple[ProfileEntry, ...]
    current: str | None
    keyring_available: bool

    def entry(self, name: str) -> ProfileEntry | None:
        return next((e for e in self.entries if e.name == name), None)


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    """What one connection test found. ``reachability`` ONLINE: the server answered with
    the profile's key; the other fields then say what the key may do."""

    profile: str
    reachability: Reachability
    base_url: str | None
    latency_ms: float | None = None
    #: The key's tenant and source system as the server names them (None: not named).
    tenant: str | None = None
    source_system: str | None = None
    #: Every scope with what it allows (the server's grants, else the profile's).
    capabilities: tuple[Capability, ...] = ()
    unknown_scopes: tuple[str, ...] = ()
    #: Settings where the server's answer differs from the profile (field names).
    drift: tuple[str, ...] = ()
    #: The error's text (English) when the test failed, for the detail.
    detail: str | None = None
    status: int | None = None
    required_scope: str | None = None

    @property
    def missing_desk_scopes(self) -> tuple[str, ...]:
        return tuple(c.scope for c in self.capabilities if c.used_by_desk and not c.granted)


@dataclass(frozen=True, slots=True)
class ServerSettingsTaken:
    """The outcome of taking the server's settings into a profile."""

    profile: Profile
    #: The fields that changed (names as in the settings file, and ``server``).
    changed: tuple[str, ...]
    unknown_scopes: tuple[str, ...]


class DeskSettingsService:
    """Profiles, keys and tile settings for the settings window (no Qt, blocking calls).

    ``keys`` defaults to the system keyring, looked up on first use (off the UI thread).
    """

    def __init__(
        self,
        store: Store,
        *,
        keys: ApiKeyStore | None = None,
        client_factory: ClientFactory = open_client,
        timeout: float = TEST_TIMEOUT,
        tile_cache_dir: Path | None = None,
    ) -> None:
        self._profiles = ProfileService(store)
        self._tiles = TileSettingsService(store)
        self._keys = keys
        self._keys_lock = threading.Lock()
        self._client_factory = client_factory
        self._timeout = timeout
        self._tile_cache_dir = tile_cache_dir

    def _key_store(self) -> ApiKeyStore:
        with self._keys_lock:
            if self._keys is None:
                self._keys = ApiKeyStore()
            return self._keys

    # -- profiles ------------------------------------------------------------------------

    def overview(self) -> ProfileOverview:
        """Every profile (the default one is made on a fresh store) and its key state."""
        self._profiles.ensure_default()
        profiles, current = self._profiles.list()
        keys = self._key_store()
        entries = tuple(
            ProfileEntry(profile, profile.name == current, self._key_state(keys, profile.name))
            for profile in profiles
        )
        return ProfileOverview(entries, current, keys.keyring_available)

    @staticmethod
    def _key_state(keys: ApiKeyStore, name: str) -> KeyState:
        try:
            key = keys.load(name)
        except KeyStoreError as exc:
            # a keyring that failed to answer is the cause; "no key anywhere" has none
            return KeyState.UNREADABLE if exc.__cause__ is not None else KeyState.NONE
        return KeyState.KEYRING if key.source is KeySource.KEYRING else KeyState.ENVIRONMENT

    def key_state(self, name: str) -> KeyState:
        return self._key_state(self._key_store(), name)

    def profile(self, name: str | None = None) -> Profile:
        """The named profile, or the current one."""
        return self._profiles.get(name)

    def use(self, name: str) -> Profile:
        """Make ``name`` the current profile."""
        return self._profiles.use(name)

    def save_server_url(self, name: str, url: str) -> Profile:
        """Set the profile's server; an empty ``url`` makes it a local-store profile.
        InputError when ``url`` is no http(s) URL."""
        text = url.strip()
        base_url = check_base_url(text) if text else None
        profile = self._profiles.get(name)
        updated = profile.model_copy(update={"base_url": base_url})
        self._profiles.save(updated)
        return updated

    def store_key(self, name: str, key: str) -> KeyState:
        """Store the profile's API key in the system keyring (KeyStoreError: no keyring
        backend, an empty key, or the keyring refused). The key is not checked with the
        server here: the connection test does that."""
        self._profiles.get(name)  # NotFoundError for a profile that does not exist
        keys = self._key_store()
        keys.save(name, key)
        return self._key_state(keys, name)

    # -- the server ----------------------------------------------------------------------

    def test(self, name: str) -> ConnectionCheck:
        """One ``GET /integration/health`` with the profile's stored key. Never raises a
        Connect or key error: the answer says what happened."""
        profile = self._profiles.get(name)
        url = profile.base_url
        if not url:
            return ConnectionCheck(profile.name, Reachability.LOCAL_STORE, None)
        keys = self._key_store()
        started = time.perf_counter()
        try:
            outcome = self._profiles.test(
                profile.name,
                keys=keys,
                client_factory=self._client_factory,
                timeout=self._timeout,
            )
        except KeyStoreError as exc:
            return ConnectionCheck(profile.name, Reachability.NO_KEY, url, detail=str(exc))
        except AuthError as exc:
            return _failed(profile, Reachability.KEY_REFUSED, started, exc)
        except ForbiddenError as exc:
            return _failed(profile, Reachability.FORBIDDEN, started, exc)
        except ApiError as exc:
            return _failed(profile, Reachability.OFFLINE, started, exc)
        except ConnectError as exc:
            return ConnectionCheck(profile.name, Reachability.OFFLINE, url, detail=str(exc))
        health = outcome.health
        return ConnectionCheck(
            profile=profile.name,
            reachability=Reachability.ONLINE,
            base_url=url,
            latency_ms=outcome.latency_ms,
            tenant=health.tenant,
            source_system=health.source_system,
            capabilities=outcome.capabilities,
            unknown_scopes=outcome.unknown_scopes,
            drift=tuple(change.field for change in outcome.drift),
        )

    def take_server_settings(self, name: str) -> ServerSettingsTaken:
        """Connect the profile again with its stored key: the server's tenant, source
        system, scopes and mapping settings win over the profile's (``profile connect``).
        Raises the Connect, key or input error when that fails."""
        profile = self._profiles.get(name)
        if not profile.base_url:
            raise InputError("the profile has no server", field="server")
        keys = self._key_store()
        # With a keyring, connect() wants the key and stores it again (the same key);
        # without one it takes the key from the environment itself.
        api_key = keys.load(profile.name).value if keys.keyring_available else None
        outcome = self._profiles.connect(
            profile.name,
            profile.base_url,
            api_key,
            keys=keys,
            client_factory=self._client_factory,
            timeout=self._timeout,
        )
        return ServerSettingsTaken(
            outcome.profile,
            tuple(change.field for change in outcome.changes),
            outcome.unknown_scopes,
        )

    # -- map tiles -----------------------------------------------------------------------

    def tiles(self) -> TileServer:
        """The saved tile settings (switched off when none are saved)."""
        return self._tiles.get()

    def save_tiles(self, server: TileServer) -> TileServer:
        self._tiles.save(server)
        return self._tiles.get()

    def tile_cache_dir(self) -> Path:
        """Where tiles are cached on disk (one directory per tile server below it)."""
        return self._tile_cache_dir or default_cache_dir()


def scope_capabilities(granted: Sequence[str]) -> tuple[Capability, ...]:
    """Every scope with what it allows, for scopes as a profile or a server names them."""
    return tuple(capabilities(granted))


def _failed(
    profile: Profile, reachability: Reachability, started: float, error: ApiError
) -> ConnectionCheck:
    return ConnectionCheck(
        profile.name,
        reachability,
        profile.base_url,
        latency_ms=(time.perf_counter() - started) * 1000,
        detail=str(error),
        status=error.status,
        required_scope=error.required_scope,
    )
