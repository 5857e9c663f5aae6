"""indexes for a queue of 100,000 items: its open items in arrival order, and counts
per review state

Without them SQLite sorts every open item for each page of the queue and reads each
item's row to count them (a fifth of a second each at 100,000 items). The open queue
(pending or deferred) gets a partial index in arrival order; counting by review state
reads a covering index.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OPEN = sa.text("review_state IN ('deferred', 'pending')")


def upgrade() -> None:
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_import_items_queue_state", ["tenant", "source_system", "review_state"]
        )
        batch_op.create_index(
            "ix_import_items_queue_open",
            ["tenant", "source_system", "id"],
            sqlite_where=OPEN,
            postgresql_where=OPEN,
        )


def downgrade() -> None:
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.drop_index("ix_import_items_queue_open")
        batch_op.drop_index("ix_import_items_queue_state")
