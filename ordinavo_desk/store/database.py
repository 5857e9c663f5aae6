"""Opening the store: URL resolution, engine set-up, schema migration, session scope."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ordinavo_desk.domain.errors import InputError, StoreError
from ordinavo_desk.store.migrate import upgrade_to_head

DB_ENV = "ORDINAVO_DESK_DB"
DATA_DIR_ENV = "ORDINAVO_DESK_DATA_DIR"
APP_NAME = "ordinavo-desk"


def data_dir() -> Path:
    """The user data directory (``ORDINAVO_DESK_DATA_DIR`` overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'desk.sqlite'}"


def resolve_url(cli_url: str | None = None) -> str:
    """``--db`` wins over ``ORDINAVO_DESK_DB``, which wins over the default SQLite file."""
    return cli_url or os.environ.get(DB_ENV) or default_url()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # a page cache of 64 MiB instead of 2: a large store is read all over (items,
    # customers, references) by every decision and page of the queue
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def open_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout on connect."""
    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except (ArgumentError, NoSuchModuleError) as exc:
        raise InputError(f"not a usable database URL: {exc}", field="--db") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except ModuleNotFoundError as exc:  # driver missing, e.g. psycopg
        raise StoreError(
            f"the database driver for {parsed.drivername} is not installed ({exc.name}); "
            "install the 'postgres' extra"
        ) from exc


def display_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class Store:
    """An opened, migrated store: the engine and its session factory."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = open_engine(url)
        if migrate:
            try:
                upgrade_to_head(self.engine)
            except OperationalError as exc:
                raise StoreError(
                    f"cannot open the database {display_url(url)}: {exc.orig}"
                ) from exc
        self.sessions: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with session_scope(self.sessions) as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
