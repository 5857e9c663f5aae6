"""API keys the sandbox accepts: each grants a tenant, a source system, scopes and
mapping settings. Only the SHA-256 of a key is kept, in memory and in the keys file.

Keys file (JSON)::

    {"keys": [{"name": "acme-full", "keySha256": "<hex>", "tenant": "acme",
               "sourceSystem": "sap-erp", "scopes": ["customers.map", ...],
               "settings": {"strategy": "ExternalIdThenNameAndAddress", ...},
               "rateLimit": {"limit": 600, "windowSeconds": 60}}]}

``settings`` takes the ``match --settings`` fields; its tenant, source system and scopes
are those of the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.enums import Scope, parse_scope
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.domain.validation import input_error_from
from ordinavo_desk.domain.validators import RequiredText


def hash_key(key: str) -> str:
    """The hex SHA-256 of a key as presented (surrounding whitespace trimmed)."""
    return hashlib.sha256(key.strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class RateLimitSpec:
    limit: int = 600
    window_seconds: float = 60.0


@dataclass(frozen=True, slots=True)
class KeyGrant:
    """What one key may do."""

    name: str
    key_hash: str
    tenant: str
    source_system: str
    scopes: frozenset[Scope]
    settings: MappingSettings
    rate_limit: RateLimitSpec = field(default_factory=RateLimitSpec)

    def has(self, scope: Scope) -> bool:
        return scope in self.scopes

    @classmethod
    def create(
        cls,
        *,
        name: str,
        key: str | None = None,
        key_hash: str | None = None,
        tenant: str,
        source_system: str,
        scopes: Iterable[Scope | str],
        settings: Mapping[str, Any] | None = None,
        rate_limit: RateLimitSpec | None = None,
    ) -> KeyGrant:
        """A grant from a plain key (hashed here) or from its hash."""
        if (key is None) == (key_hash is None):
            raise ValueError("give either key or key_hash")
        digest = hash_key(key) if key is not None else str(key_hash).lower()
        granted = frozenset(parse_scope(s) if isinstance(s, str) else s for s in scopes)
        mapping = MappingSettings.model_validate(
            {
                **dict(settings or {}),
                "tenant": tenant,
                "sourceSystem": source_system,
                "scopes": sorted(s.value for s in granted),
            }
        )
        return cls(
            name=name,
            key_hash=digest,
            tenant=mapping.tenant,
            source_system=mapping.source_system,
            scopes=granted,
            settings=mapping,
            rate_limit=rate_limit or RateLimitSpec(),
        )


class _RateLimitEntry(WireModel):
    limit: int = Field(default=600, ge=1)
    window_seconds: float = Field(default=60.0, gt=0)


class _KeyEntry(WireModel):
    name: RequiredText
    key_sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$")
    tenant: RequiredText
    source_system: RequiredText
    scopes: tuple[str, ...]
    settings: dict[str, Any] = Field(default_factory=dict)
    rate_limit: _RateLimitEntry = Field(default_factory=_RateLimitEntry)


class _KeysFile(WireModel):
    keys: tuple[_KeyEntry, ...]


class KeyRegistry:
    """Looks presented keys up by their hash."""

    def __init__(self, grants: Iterable[KeyGrant]) -> None:
        self._by_hash: dict[str, KeyGrant] = {}
        for grant in grants:
            if grant.key_hash in self._by_hash:
                raise InputError(f"key '{grant.name}' is listed twice", field="keys")
            self._by_hash[grant.key_hash] = grant

    def __len__(self) -> int:
        return len(self._by_hash)

    def grants(self) -> list[KeyGrant]:
        """The grants in the order they were given."""
        return list(self._by_hash.values())

    def lookup(self, presented: str) -> KeyGrant | None:
        digest = hash_key(presented)
        for known, grant in self._by_hash.items():
            if hmac.compare_digest(known, digest):
                return grant
        return None

    @classmethod
    def from_file(cls, path: Path) -> KeyRegistry:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read the keys file: {exc}", file=str(path)) from exc
        try:
            parsed = _KeysFile.model_validate(data)
            grants = [
                KeyGrant.create(
                    name=entry.name,
                    key_hash=entry.key_sha256,
                    tenant=entry.tenant,
                    source_system=entry.source_system,
                    scopes=entry.scopes,
                    settings=entry.settings,
                    rate_limit=RateLimitSpec(
                        entry.rate_limit.limit, entry.rate_limit.window_seconds
                    ),
                )
                for entry in parsed.keys
            ]
        except ValidationError as exc:
            raise input_error_from(exc, file=str(path)) from exc
        except ValueError as exc:
            raise InputError(str(exc), file=str(path), field="scopes") from exc
        return cls(grants)


def keys_file_entry(grant: KeyGrant) -> dict[str, Any]:
    """The keys-file form of a grant (what ``from_file`` reads)."""
    settings = grant.settings.to_wire()
    for name in ("tenant", "sourceSystem", "scopes"):
        settings.pop(name, None)
    return {
        "name": grant.name,
        "keySha256": grant.key_hash,
        "tenant": grant.tenant,
        "sourceSystem": grant.source_system,
        "scopes": sorted(s.value for s in grant.scopes),
        "settings": settings,
        "rateLimit": {
            "limit": grant.rate_limit.limit,
            "windowSeconds": grant.rate_limit.window_seconds,
        },
    }
