"""Inserting many rows at once, straight through the database driver.

The ORM's bulk insert costs tens of microseconds per row in Python, which for the half
million rows of a large reference pull is most of the pull. Here one statement is
compiled per table and column set and handed to the driver's ``executemany`` with the
rows' values as they are: the caller passes values the driver takes directly (strings,
numbers, None, and timestamps made by ``db_timestamp``). Values of encrypted columns
(personal data) are encrypted here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session

from ordinavo_desk.store.personal_data import EncryptedText, encrypt_value
from ordinavo_desk.store.types import UtcDateTime


def db_timestamp(session: Session, when: datetime) -> Any:
    """``when`` as the driver takes it for this session's UtcDateTime columns."""
    dialect = session.get_bind().dialect
    processor = UtcDateTime().dialect_impl(dialect).bind_processor(dialect)
    return processor(when) if processor is not None else when


_STATEMENTS: dict[tuple[str, str, tuple[str, ...]], tuple[str, tuple[str, ...] | None]] = {}


def _statement(
    entity: type[DeclarativeBase], columns: tuple[str, ...], dialect: Dialect
) -> tuple[str, tuple[str, ...] | None]:
    """The INSERT for ``columns`` of ``entity`` as SQL text, and the order of its
    positional parameters (None: named parameters); compiled once per dialect."""
    key = (dialect.name, entity.__name__, columns)
    found = _STATEMENTS.get(key)
    if found is None:
        statement = insert(entity).values({name: bindparam(name) for name in columns})
        compiled = statement.compile(dialect=dialect)
        order = tuple(compiled.positiontup or ()) if compiled.positional else None
        found = _STATEMENTS[key] = (compiled.string, order)
    return found


def insert_rows(
    session: Session,
    entity: type[DeclarativeBase],
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """Insert ``rows`` (value tuples in the order of ``columns``) into the table of the ORM
    class ``entity`` in one ``executemany``."""
    if not rows:
        return
    connection = session.connection()
    names = tuple(columns)
    table = entity.__table__
    secret = [i for i, name in enumerate(names) if isinstance(table.c[name].type, EncryptedText)]
    if secret:  # personal data is encrypted here, as the column type would
        rows = [
            tuple(encrypt_value(v) if i in secret else v for i, v in enumerate(row)) for row in rows
        ]
    sql, order = _statement(entity, names, connection.dialect)
    params: Sequence[Any]
    if order == names:
        params = rows
    elif order is not None:
        where = [names.index(name) for name in order]
        params = [tuple(row[i] for i in where) for row in rows]
    else:
        params = [dict(zip(names, row, strict=True)) for row in rows]
    connection.exec_driver_sql(sql, params)
