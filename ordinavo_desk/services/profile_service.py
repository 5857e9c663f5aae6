"""Integration profiles: create, list, choose the current one; connect one to a server
(the key into the keyring, the server's settings into the profile) and test its key."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ordinavo_desk.connect.keys import (
    API_KEY_ENV,
    ApiKey,
    ApiKeyStore,
    KeySource,
    KeyStoreError,
    mask_key,
)
from ordinavo_desk.connect.retry import RetryPolicy
from ordinavo_desk.domain.enums import Scope, Strategy
from ordinavo_desk.domain.errors import InputError, NotFoundError
from ordinavo_desk.domain.profile import Profile, ProfileSyncState, default_profile
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.services.payload_files import read_settings_document, settings_from
from ordinavo_desk.services.scope_capabilities import Capability, capabilities, granted_scopes
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.profile_repository import ProfileRepository

if TYPE_CHECKING:
    from ordinavo_desk.connect.wire import HealthInfo
    from ordinavo_desk.services.connection import ClientFactory

#: ``profile test`` sends one request and reports what happened: no retries.
TEST_RETRY = RetryPolicy(max_attempts=1)


class NoKeyringError(InputError):
    """No keyring backend can hold the key, and none is given in the environment."""


class ServerTellsNothingError(InputError):
    """The health answer names no tenant (a server without the review extension)."""


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One profile value that connecting changed (display strings)."""

    field: str
    before: str | None
    after: str


@dataclass(frozen=True, slots=True)
class ConnectOutcome:
    profile: Profile
    created: bool
    #: The values the server's answer set (all of them), and those that changed.
    set_values: tuple[FieldChange, ...]
    changes: tuple[FieldChange, ...]
    unknown_scopes: tuple[str, ...]
    key_source: KeySource
    masked_key: str
    latency_ms: float
    #: False for a plain v1 server: its health answer names no tenant or settings.
    server_described: bool


@dataclass(frozen=True, slots=True)
class TestOutcome:
    profile: Profile
    health: HealthInfo
    latency_ms: float
    key_source: KeySource
    masked_key: str
    capabilities: tuple[Capability, ...]
    unknown_scopes: tuple[str, ...]
    #: Differences between the server's answer and the profile (run connect again).
    drift: tuple[FieldChange, ...]
    sync_state: ProfileSyncState


def _display(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "-"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_display(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def _settings_values(settings: MappingSettings) -> dict[str, object]:
    data: dict[str, object] = settings.model_dump(mode="json", by_alias=True)
    return data


def _server_settings(current: MappingSettings | None, health: HealthInfo) -> MappingSettings:
    """The profile's settings with everything the server said put over them."""
    raw: dict[str, Any] = dict(_settings_values(current)) if current is not None else {}
    if health.settings is not None:
        raw.update(_settings_values(health.settings))
    if health.tenant:
        raw["tenant"] = health.tenant
    if health.source_system:
        raw["sourceSystem"] = health.source_system
    if health.tenant or health.scopes:
        known, _unknown = granted_scopes(health.scopes)
        raw["scopes"] = sorted(scope.value for scope in known)
    return MappingSettings.model_validate(raw)


def _differences(
    before: dict[str, object], after: dict[str, object]
) -> tuple[tuple[FieldChange, ...], tuple[FieldChange, ...]]:
    set_values: list[FieldChange] = []
    changes: list[FieldChange] = []
    for name, value in after.items():
        old = before.get(name)
        change = FieldChange(name, None if old is None else _display(old), _display(value))
        set_values.append(change)
        if old != value:
            changes.append(change)
    return tuple(set_values), tuple(changes)


class ProfileService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def ensure_default(self) -> None:
        """A fresh store gets the default profile, made current."""
        with self._store.unit_of_work() as session:
            repo = ProfileRepository(session)
            if repo.current_name() is not None:
                return
            profile = default_profile()
            if not repo.exists(profile.name):
                repo.save(profile)
            repo.set_current(profile.name)

    def create(
        self,
        name: str,
        *,
        tenant: str | None,
        source_system: str | None,
        strategy: Strategy | None = None,
        scopes: Sequence[Scope] = (),
        settings_file: Path | None = None,
        base_url: str | None = None,
    ) -> Profile:
        """A new profile; flags win over the values of ``settings_file``."""
        raw: dict[str, Any] = {}
        if settings_file is not None:
            raw = read_settings_document(settings_file)
        if tenant is not None:
            raw["tenant"] = tenant
        if source_system is not None:
            raw["sourceSystem"] = source_system
        if strategy is not None:
            raw["strategy"] = strategy.value
        if scopes:
            raw["scopes"] = [scope.value for scope in scopes]
        settings = settings_from(raw, file=str(settings_file) if settings_file else None)
        profile = Profile(name=name, settings=settings, base_url=base_url)
        with self._store.unit_of_work() as session:
            ProfileRepository(session).save(profile)
        return profile

    def save(self, profile: Profile) -> None:
        with self._store.unit_of_work() as session:
            ProfileRepository(session).save(profile, replace=True)

    def use(self, name: str) -> Profile:
        with self._store.unit_of_work() as session:
            repo = ProfileRepository(session)
            repo.set_current(name)
            return repo.get(name)

    def list(self) -> tuple[Sequence[Profile], str | None]:
        with self._store.unit_of_work() as session:
            repo = ProfileRepository(session)
            return repo.list(), repo.current_name()

    def get(self, name: str | None = None) -> Profile:
        """The named profile, or the current one."""
        self.ensure_default()
        with self._store.unit_of_work() as session:
            repo = ProfileRepository(session)
            chosen = name or repo.current_name()
            if chosen is None:
                raise NotFoundError("no current profile")
            return repo.get(chosen)

    # -- connecting to a server ----------------------------------------------------------

    def connect(
        self,
        name: str,
        base_url: str,
        api_key: str | None,
        *,
        keys: ApiKeyStore,
        client_factory: ClientFactory | None = None,
        timeout: float | None = None,
    ) -> ConnectOutcome:
        """Connect profile ``name`` (created when missing) to the server at ``base_url``.

        The key is checked with ``GET /integration/health`` before anything is stored; the
        server's tenant, source system, scopes and mapping settings then win over the
        profile's. The key goes into the keyring, never into the store. Without a keyring
        backend, ``api_key`` must be None and the key comes from ORDINAVO_DESK_API_KEY (it
        is used, not stored).
        """
        from ordinavo_desk.services.connection import check_base_url, open_client  # noqa: PLC0415

        client_factory = client_factory or open_client
        url = check_base_url(base_url)
        key = self._key_to_use(name, api_key, keys)
        with client_factory(url, key.value, timeout, None) as client:
            started = time.perf_counter()
            health = client.health()
            latency_ms = (time.perf_counter() - started) * 1000
        self.ensure_default()
        with self._store.unit_of_work() as session:
            repo = ProfileRepository(session)
            existing = repo.get(name) if repo.exists(name) else None
        current = existing.settings if existing is not None else None
        described = bool(health.tenant)
        if not described and current is None:
            raise ServerTellsNothingError(
                "the server's health answer names no tenant, source system or settings "
                "(a server without the review extension); create the profile first with "
                f"'profile create {name} --tenant T --source-system S', then connect it",
                field="--url",
            )
        try:
            settings = _server_settings(current, health) if described else current
        except ValidationError as exc:
            raise ServerTellsNothingError(
                f"the server's health answer does not make complete mapping settings "
                f"({str(exc).splitlines()[0]}); create the profile with 'profile create' first",
                field="--url",
            ) from None
        assert settings is not None
        before = _settings_values(current) if current is not None else {}
        after = _settings_values(settings)
        before["server"] = existing.base_url if existing is not None else None
        after["server"] = url
        set_values, changes = _differences(before, after)
        profile = Profile(name=name, settings=settings, base_url=url)
        if keys.keyring_available:
            keys.save(name, key.value)
        self.save(profile)
        _known, unknown = granted_scopes(health.scopes)
        return ConnectOutcome(
            profile=profile,
            created=existing is None,
            set_values=set_values,
            changes=changes,
            unknown_scopes=tuple(unknown),
            key_source=KeySource.KEYRING if keys.keyring_available else KeySource.ENVIRONMENT,
            masked_key=mask_key(key.value),
            latency_ms=latency_ms,
            server_described=described,
        )

    @staticmethod
    def _key_to_use(name: str, api_key: str | None, keys: ApiKeyStore) -> ApiKey:
        if keys.keyring_available:
            if api_key is None or not api_key.strip():
                raise InputError("an API key is required", field="API key")
            return ApiKey(api_key.strip(), KeySource.KEYRING, name)
        if api_key is not None:
            raise NoKeyringError(
                "no keyring backend is available on this machine, so the API key cannot be "
                f"stored securely (and is never written to a plain file); for scripted use "
                f"set {API_KEY_ENV} in the environment and run the command again"
            )
        try:
            return keys.load(name)
        except KeyStoreError as exc:
            raise NoKeyringError(
                "no keyring backend is available on this machine to store the API key "
                f"securely, and {API_KEY_ENV} is not set; for scripted use set "
                f"{API_KEY_ENV} in the environment"
            ) from exc

    def test(
        self,
        name: str | None,
        *,
        keys: ApiKeyStore,
        client_factory: ClientFactory | None = None,
        timeout: float | None = None,
    ) -> TestOutcome:
        """One ``GET /integration/health`` with the profile's stored key: reachability,
        latency, and what the key may do, scope by scope. Connect errors are raised."""
        profile = self.get(name)
        if not profile.base_url:
            raise InputError(
                f"profile '{profile.name}' has no server; run "
                f"'profile connect {profile.name} --url URL' first",
                field="profile",
            )
        from ordinavo_desk.services.connection import open_client  # noqa: PLC0415

        client_factory = client_factory or open_client
        key = keys.load(profile.name)
        with client_factory(profile.base_url, key.value, timeout, TEST_RETRY) as client:
            started = time.perf_counter()
            health = client.health()
            latency_ms = (time.perf_counter() - started) * 1000
        granted = (
            health.scopes if health.tenant else tuple(s.value for s in profile.settings.scopes)
        )
        _known, unknown = granted_scopes(granted)
        drift: tuple[FieldChange, ...] = ()
        if health.tenant:
            server = _server_settings(profile.settings, health)
            _set, drift = _differences(_settings_values(profile.settings), _settings_values(server))
        with self._store.unit_of_work() as session:
            state = ProfileRepository(session).sync_state(profile.name)
        return TestOutcome(
            profile=profile,
            health=health,
            latency_ms=latency_ms,
            key_source=key.source,
            masked_key=mask_key(key.value),
            capabilities=tuple(capabilities(granted)),
            unknown_scopes=tuple(unknown),
            drift=drift,
            sync_state=state,
        )
