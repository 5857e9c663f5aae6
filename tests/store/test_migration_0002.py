"""Migration 0002 (profile sync state, mapping source) on a store holding data."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from ordinavo_desk.store.database import open_engine
from ordinavo_desk.store.migrate import alembic_config, current_revision, upgrade_to_head


def test_0002_keeps_data_and_marks_existing_results_as_the_desks(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        command.upgrade(alembic_config(engine), "0001")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO tenants (tenant, created_at) VALUES ('acme', :t)"),
                {"t": "2026-01-01 00:00:00"},
            )
            connection.execute(
                text(
                    "INSERT INTO profiles (name, tenant, source_system, strategy, scopes, "
                    "settings, base_url, created_at, updated_at) VALUES ('p', 'acme', 's', "
                    "'ExternalIdFirst', '[]', '{}', 'http://x', :t, :t)"
                ),
                {"t": "2026-01-01 00:00:00"},
            )
            for external_id, result in (("J1", '{"status": "Mapped"}'), ("J2", None)):
                connection.execute(
                    text("INSERT INTO import_items (tenant, source_system, external_id, version, "
                         "payload, origin, operation, mapping_result, review_state, created_at, "
                         "updated_at) VALUES ('acme', 's', :e, 1, '{}', 'file', 'upsert', :r, "
                         "'pending', :t, :t)"),
                    {"e": external_id, "r": result, "t": "2026-01-01 00:00:00"},
                )  # fmt: skip
        assert upgrade_to_head(engine)
        columns = {c["name"] for c in inspect(engine).get_columns("profiles")}
        assert {"reference_cursor", "reference_pulled_at", "items_cursor",
                "items_pulled_at"} <= columns  # fmt: skip
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT external_id, mapping_source FROM import_items ORDER BY external_id")
            ).all()
            assert [tuple(r) for r in rows] == [("J1", "desk"), ("J2", None)]
            assert connection.execute(text("SELECT base_url FROM profiles")).scalar() == "http://x"
        command.downgrade(alembic_config(engine), "0001")
        assert current_revision(engine) == "0001"
        assert "mapping_source" not in {
            c["name"] for c in inspect(engine).get_columns("import_items")
        }
    finally:
        engine.dispose()
