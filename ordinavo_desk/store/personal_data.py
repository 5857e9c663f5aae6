"""Personal data at rest: contact email, phone and mobile are stored encrypted.

The values are encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from the
``cryptography`` package) under the data key the application installs at start
(``use_data_key``; the services keep the key in the OS keyring). A stored value reads
``enc1:<key fingerprint>:<token>``, so a value written under another key is recognised and
shown as unreadable instead of failing.

The columns are typed: ``EncryptedText`` for the contacts' fields, and ``PersonalJson``
for JSON documents that hold a contact DTO (import payloads, corrections) at known paths.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import JSON, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from ordinavo_desk.domain.errors import StoreError
from ordinavo_desk.store.types import json_type_for

PREFIX = "enc1:"
#: The contact fields that are personal data.
PERSONAL_FIELDS = ("email", "phone", "mobile")
#: Stands for a stored value that was not decrypted (read for a view that masks it).
NOT_DECRYPTED = "\u2022\u2022\u2022\u2022\u2022\u2022"
#: Shown for a value written under a data key this desk does not have.
UNREADABLE = "\u2022\u2022\u2022 (encrypted with another data key)"


class DataKey:
    """A Fernet key with a short fingerprint (to recognise it, not to use it)."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)
        self.fingerprint = hashlib.sha256(key).hexdigest()[:8]

    @staticmethod
    def generate() -> bytes:
        return Fernet.generate_key()

    def encrypt(self, value: str) -> str:
        token = self._fernet.encrypt(value.encode("utf-8")).decode("ascii")
        return f"{PREFIX}{self.fingerprint}:{token}"

    def decrypt(self, stored: str) -> str:
        if not stored.startswith(PREFIX):
            return stored  # written before encryption, or purged
        fingerprint, _sep, token = stored[len(PREFIX) :].partition(":")
        if fingerprint != self.fingerprint:
            return UNREADABLE
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            return UNREADABLE


_lock = threading.Lock()
_key: DataKey | None = None


def use_data_key(key: DataKey | None) -> None:
    """Install the data key of this process (None: none; writing personal data fails)."""
    global _key  # noqa: PLW0603 (one key per process, installed at start)
    with _lock:
        _key = key


def data_key() -> DataKey:
    if _key is None:
        raise StoreError("no data key is installed, so personal data cannot be stored encrypted")
    return _key


def encrypt_value(value: str | None) -> str | None:
    if value is None or value.startswith(PREFIX):
        return value
    return data_key().encrypt(value)


def decrypt_value(value: str | None) -> str | None:
    if value is None or not value.startswith(PREFIX):
        return value
    return data_key().decrypt(value)


class EncryptedText(TypeDecorator[str]):
    """A text column stored encrypted."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return encrypt_value(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return decrypt_value(value)


def _convert(document: Any, paths: Sequence[tuple[str, ...]], convert: Any) -> Any:
    """A copy of ``document`` with the personal fields of the dicts at ``paths`` converted."""
    if not isinstance(document, dict):
        return document
    result = dict(document)
    for path in paths:
        holder: dict[str, Any] = result
        for step in path:
            inner = holder.get(step)
            if not isinstance(inner, dict):
                break
            inner = dict(inner)
            holder[step] = inner
            holder = inner
        else:
            for name in PERSONAL_FIELDS:
                value = holder.get(name)
                if isinstance(value, str):
                    holder[name] = convert(value)
    return result


class PersonalJson(TypeDecorator[Any]):
    """A JSON document whose contact DTOs at ``paths`` have their personal fields
    encrypted (``("contact",)`` is the contact of an import payload)."""

    impl = JSON
    cache_ok = True

    def __init__(self, *paths: tuple[str, ...]) -> None:
        super().__init__()
        self.paths = paths

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        return json_type_for(dialect)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return _convert(value, self.paths, encrypt_value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return _convert(value, self.paths, decrypt_value)
