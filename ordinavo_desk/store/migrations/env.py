"""Alembic environment: migrations run on the engine handed over in the config."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from ordinavo_desk.store.rows import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("migrations run from ordinavo_desk.store.migrate with an engine")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
