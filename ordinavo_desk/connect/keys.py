"""API keys of the desk's profiles: in the system keyring, never in a plain file.

Each profile's key is stored under the service ``ordinavo-desk`` with the profile name as
the user name. When no keyring backend is available (a server, a CI job), the key can be
given in ``ORDINAVO_DESK_API_KEY`` for scripted use; the lookup then says so. The key
itself is never logged nor shown: ``mask_key`` gives a recognisable short form.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from ordinavo_desk.connect.errors import ConnectError

SERVICE_NAME = "ordinavo-desk"
API_KEY_ENV = "ORDINAVO_DESK_API_KEY"


class KeySource(StrEnum):
    KEYRING = "keyring"
    ENVIRONMENT = "environment"


class KeyStoreError(ConnectError):
    """The key cannot be stored or found; the message says what to do."""


def mask_key(key: str) -> str:
    """``fio_live_abcdef123456`` → ``fio_live_…3456``: enough to recognise, not to use."""
    text = key.strip()
    prefix = text.rsplit("_", 1)[0] + "_" if text.count("_") >= 2 else ""
    return f"{prefix}…{text[-4:]}" if len(text) > 8 else "…"


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A key and where it came from. Its repr never shows the key."""

    value: str = field(repr=False)
    source: KeySource
    profile: str

    def __str__(self) -> str:
        return f"{mask_key(self.value)} ({self.source.value}, profile {self.profile})"


def _usable(backend: KeyringBackend) -> bool:
    """False for keyring's 'fail' and 'null' backends (no secret store available)."""
    module = type(backend).__module__
    return module not in {"keyring.backends.fail", "keyring.backends.null"}


class ApiKeyStore:
    """Per-profile API keys in a keyring backend (the system's unless one is given)."""

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        *,
        service: str = SERVICE_NAME,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()
        self._service = service
        self._environ = environ if environ is not None else os.environ

    @property
    def keyring_available(self) -> bool:
        return _usable(self._backend)

    def save(self, profile: str, key: str) -> None:
        key = key.strip()
        if not key:
            raise KeyStoreError("an empty API key cannot be stored")
        if not self.keyring_available:
            raise KeyStoreError(
                "no keyring backend is available to store the API key securely; for scripted "
                f"use set {API_KEY_ENV} in the environment instead"
            )
        try:
            self._backend.set_password(self._service, profile, key)
        except keyring.errors.KeyringError as exc:
            raise KeyStoreError(f"the keyring refused to store the key: {exc}") from exc

    def load(self, profile: str) -> ApiKey:
        """The profile's key from the keyring, else from ``ORDINAVO_DESK_API_KEY``."""
        stored: str | None = None
        if self.keyring_available:
            try:
                stored = self._backend.get_password(self._service, profile)
            except keyring.errors.KeyringError as exc:
                raise KeyStoreError(f"the keyring could not be read: {exc}") from exc
        if stored:
            return ApiKey(stored, KeySource.KEYRING, profile)
        env_key = self._environ.get(API_KEY_ENV, "").strip()
        if env_key:
            return ApiKey(env_key, KeySource.ENVIRONMENT, profile)
        where = (
            f"the keyring has no key for profile '{profile}'"
            if self.keyring_available
            else "no keyring backend is available"
        )
        raise KeyStoreError(f"no API key: {where}, and {API_KEY_ENV} is not set")

    def delete(self, profile: str) -> bool:
        """Remove the profile's key; False when there was none."""
        if not self.keyring_available:
            return False
        try:
            self._backend.delete_password(self._service, profile)
        except keyring.errors.PasswordDeleteError:
            return False
        return True
