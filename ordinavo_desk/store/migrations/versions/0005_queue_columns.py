"""warnings of an item's mapping as a column, and indexes for the review queue

The review queue filters by warning and sorts by customer name, city and due date in SQL,
over every item of a profile. ``warnings`` holds the mapping result's warning codes as
``|Code|Other|`` (filtered with LIKE on every backend); it is filled from the stored
results here.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def warnings_column(warnings: list[str] | tuple[str, ...]) -> str | None:
    return "|" + "|".join(warnings) + "|" if warnings else None


def upgrade() -> None:
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("warnings", sa.String(length=500), nullable=True))
        batch_op.create_index("ix_import_items_queue_name", ["tenant", "customer_name"])
        batch_op.create_index("ix_import_items_queue_city", ["tenant", "city"])
        batch_op.create_index("ix_import_items_queue_due", ["tenant", "due"])
    connection = op.get_bind()
    items = sa.table(
        "import_items",
        sa.column("id", sa.Integer()),
        sa.column("mapping_result", sa.JSON()),
        sa.column("warnings", sa.String()),
    )
    rows = connection.execute(
        sa.select(items.c.id, items.c.mapping_result).where(items.c.mapping_result.is_not(None))
    ).all()
    for item_id, result in rows:
        data = json.loads(result) if isinstance(result, str) else result
        column = warnings_column((data or {}).get("warnings") or [])
        if column:
            connection.execute(items.update().where(items.c.id == item_id).values(warnings=column))


def downgrade() -> None:
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.drop_index("ix_import_items_queue_due")
        batch_op.drop_index("ix_import_items_queue_city")
        batch_op.drop_index("ix_import_items_queue_name")
        batch_op.drop_column("warnings")
