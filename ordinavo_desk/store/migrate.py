"""Alembic migrations run from code: the schema is created or upgraded on first use.

Alembic itself is imported only when a store needs upgrading: a store already at
``HEAD_REVISION`` is recognised by one query, which keeps Alembic's import out of the
window's start (tests check that ``HEAD_REVISION`` is Alembic's head).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: The newest revision under migrations/versions.
HEAD_REVISION = "0008"


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config  # noqa: PLC0415 - only when migrating

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        versions = list(found)
    return versions[0] if len(versions) == 1 else None


def upgrade_to_head(engine: Engine) -> bool:
    """Migrate to the newest schema; ``True`` when anything was applied."""
    if current_revision(engine) == HEAD_REVISION:
        return False
    from alembic import command  # noqa: PLC0415

    command.upgrade(alembic_config(engine), "head")
    return True
