"""decision sequence and claims on items, outcomes on the outbox

``import_items.decision_seq`` counts the decisions recorded on an item: a decision is
written only if the sequence is still the one the reviewer saw (optimistic, so two desks
on one shared store never overwrite each other). ``claimed_by``/``claimed_until`` mark an
item someone has open. The outbox keeps how each decision was sent and the server's
answer (or the conflict, with the server's version of the item).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("decision_seq", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("route", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("server_decision_id", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("response", JSON_TYPE, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("response")
        batch_op.drop_column("server_decision_id")
        batch_op.drop_column("sent_at")
        batch_op.drop_column("route")
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.drop_column("claimed_until")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("decision_seq")
