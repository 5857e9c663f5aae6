"""the strategy an item's mapping was computed with, for the review queue

The queue shows and filters items by the strategy their mapping result was computed
under (the profile's at import or remap, the server's for pulled items). Results stored
before this revision say nothing about it: their strategy stays unknown (NULL) until the
item is mapped again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mapping_strategy", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.drop_column("mapping_strategy")
