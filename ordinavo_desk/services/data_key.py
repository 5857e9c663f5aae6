"""The data key that encrypts personal data in the store, kept in the OS keyring.

Looked up in this order:

1. ``ORDINAVO_DESK_DATA_KEY`` in the environment (servers and CI jobs without a keyring;
   a team sharing one PostgreSQL store gives every desk the same key this way);
2. the keyring (service ``ordinavo-desk-data``), created there on first use;
3. without any keyring backend: a key file in the user's data directory that only the
   user may read, and the desk says so (``DataKeyInfo.source``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from ordinavo_desk.domain.errors import InputError, StoreError
from ordinavo_desk.store.database import data_dir
from ordinavo_desk.store.personal_data import DataKey, use_data_key

DATA_KEY_ENV = "ORDINAVO_DESK_DATA_KEY"
SERVICE = "ordinavo-desk-data"
USER = "personal-data"
KEY_FILE = "data-key"


class DataKeySource(StrEnum):
    ENVIRONMENT = "environment"
    KEYRING = "keyring"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class DataKeyInfo:
    source: DataKeySource
    fingerprint: str
    #: The key file, when the key lives in one.
    path: Path | None = None
    #: Made just now (there was none where it is kept).
    created: bool = False


def _usable(backend: KeyringBackend) -> bool:
    return type(backend).__module__ not in {"keyring.backends.fail", "keyring.backends.null"}


def _check(text: str, where: str) -> bytes:
    raw = text.strip().encode("ascii", errors="replace")
    try:
        DataKey(raw)
    except ValueError:
        raise InputError(f"{where} does not hold a data key (32 url-safe base64 bytes)") from None
    return raw


def _from_file(path: Path) -> tuple[bytes, bool]:
    if path.exists():
        return _check(path.read_text("ascii", errors="replace"), str(path)), False
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = DataKey.generate()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(raw)
    return raw, True


def load_data_key(
    backend: KeyringBackend | None = None,
    environ: Mapping[str, str] | None = None,
    directory: Path | None = None,
) -> tuple[DataKey, DataKeyInfo]:
    """The data key (created where it is kept, on first use) and where it came from."""
    env = environ if environ is not None else os.environ
    given = env.get(DATA_KEY_ENV, "").strip()
    if given:
        key = DataKey(_check(given, DATA_KEY_ENV))
        return key, DataKeyInfo(DataKeySource.ENVIRONMENT, key.fingerprint)
    store = backend if backend is not None else keyring.get_keyring()
    if _usable(store):
        created = False
        try:
            stored = store.get_password(SERVICE, USER)
            if not stored:
                stored, created = DataKey.generate().decode("ascii"), True
                store.set_password(SERVICE, USER, stored)
        except keyring.errors.KeyringError as exc:
            raise StoreError(f"the keyring could not give the data key: {exc}") from exc
        key = DataKey(_check(stored, "the keyring entry"))
        return key, DataKeyInfo(DataKeySource.KEYRING, key.fingerprint, created=created)
    path = (directory or data_dir()) / KEY_FILE
    raw, created = _from_file(path)
    key = DataKey(raw)
    return key, DataKeyInfo(DataKeySource.FILE, key.fingerprint, path, created)


def install_data_key() -> DataKeyInfo:
    """Load the data key and install it for this process."""
    key, info = load_data_key()
    use_data_key(key)
    return info
