"""Migrations: from empty to head on SQLite and PostgreSQL, matching the ORM exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from ordinavo_desk.store.audit_trail import CHAIN_TAIL
from ordinavo_desk.store.database import Store, open_engine
from ordinavo_desk.store.migrate import current_revision, head_revision, upgrade_to_head
from ordinavo_desk.store.rows import Base

EXPECTED_TABLES = {
    "tenants",
    "profiles",
    "desk_state",
    "customers",
    "locations",
    "contacts",
    "external_refs",
    "import_items",
    "review_decisions",
    "audit_events",
    "outbox",
}


def test_empty_database_migrates_to_head(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        assert current_revision(engine) is None
        assert upgrade_to_head(engine) is True
        assert current_revision(engine) == head_revision()
        assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
        # A second run has nothing to do.
        assert upgrade_to_head(engine) is False
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_orm(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_sqlite_runs_with_wal_and_foreign_keys(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        store.dispose()


def test_the_open_queue_literals_are_the_open_states() -> None:
    """The partial index of the open queue names the open states as literals."""
    from ordinavo_desk.domain.decisions import OPEN_STATES
    from ordinavo_desk.store.rows import OPEN_QUEUE_CONDITION, OPEN_QUEUE_STATES

    assert set(OPEN_QUEUE_STATES) == OPEN_STATES
    assert all(f"'{state}'" in OPEN_QUEUE_CONDITION for state in OPEN_STATES)


def test_the_known_head_is_alembics_head() -> None:
    from ordinavo_desk.store.migrate import HEAD_REVISION, head_revision

    assert head_revision() == HEAD_REVISION


def test_the_open_queue_index_is_partial_on_both_backends(db_url: str) -> None:
    # the model leaves the WHERE out (see rows.ImportItemRow); the migration creates it
    engine = open_engine(db_url)
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                sql = connection.execute(
                    text("SELECT sql FROM sqlite_master WHERE name = 'ix_import_items_queue_open'")
                ).scalar_one()
            else:
                sql = connection.execute(
                    text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"),
                    {"name": "ix_import_items_queue_open"},
                ).scalar_one()
        assert "WHERE" in sql.upper()
        assert "deferred" in sql and "pending" in sql
    finally:
        engine.dispose()


def test_loading_the_models_does_not_import_the_postgresql_dialect() -> None:
    # every SQLite desk would pay for it at start (the dialect imports all its drivers)
    import subprocess
    import sys

    code = (
        "import sys, ordinavo_desk.store.rows, ordinavo_desk.store.database;"
        "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy.dialects.postgresql')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_the_tail_of_an_audit_chain_is_read_from_an_index(sqlite_url: str) -> None:
    # every append reads it; sorting the tenant's events instead grew with every event
    store = Store(sqlite_url)
    try:
        query = CHAIN_TAIL.params(tenant="acme").compile(
            store.engine, compile_kwargs={"literal_binds": True}
        )
        with store.engine.connect() as connection:
            rows = connection.execute(text(f"EXPLAIN QUERY PLAN {query}"))
            plan = " ".join(str(row[-1]) for row in rows)
        assert "ix_audit_events_tenant_id" in plan
        assert "TEMP B-TREE" not in plan
    finally:
        store.dispose()
