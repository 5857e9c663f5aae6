"""The first successful answer to a write, kept per API key and Idempotency-Key
(connect-api.md, review extension: the same key with the same body answers it again)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.orm import Session

from ordinavo_desk.sandbox.rows import IdempotencyRow

_TABLE = cast("Table", IdempotencyRow.__table__)
# built once: every write of the sandbox looks its key up
_FIND = select(_TABLE.c.fingerprint, _TABLE.c.status_code, _TABLE.c.body, _TABLE.c.headers).where(
    _TABLE.c.key_hash == bindparam("i_key_hash"),
    _TABLE.c.idempotency_key == bindparam("i_key"),
)
_KEEP = insert(_TABLE)


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    fingerprint: str
    status_code: int
    body: Any
    headers: dict[str, str]


def stored_answer(session: Session, key_hash: str, key: str) -> StoredAnswer | None:
    """The answer kept for this key, if a write with it succeeded before."""
    row = session.execute(_FIND, {"i_key_hash": key_hash, "i_key": key}).first()
    if row is None:
        return None
    return StoredAnswer(row.fingerprint, row.status_code, row.body, row.headers)


def keep_answer(
    session: Session,
    key_hash: str,
    key: str,
    *,
    fingerprint: str,
    status_code: int,
    body: Any,
    headers: dict[str, str],
) -> None:
    session.execute(
        _KEEP,
        {
            "key_hash": key_hash,
            "idempotency_key": key,
            "fingerprint": fingerprint,
            "status_code": status_code,
            "body": body,
            "headers": headers,
        },
    )
