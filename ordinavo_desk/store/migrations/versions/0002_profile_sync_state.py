"""profile sync state, mapping source, contacts by location

The pull's cursors and completion times per profile, who computed an item's mapping
result (the desk's engine or the server), and an index on the contacts' location.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference_cursor", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("reference_pulled_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("items_cursor", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("items_pulled_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mapping_source", sa.String(length=10), nullable=True))
    # Deleting a location (a pull replacing a customer's locations) checks the contacts
    # that point at it: without an index, by reading every contact.
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contacts_tenant_location_id"), ["tenant", "location_id"], unique=False
        )
    # Results stored before this revision were all computed by the desk's engine.
    op.execute("UPDATE import_items SET mapping_source = 'desk' WHERE mapping_result IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_tenant_location_id"))
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.drop_column("mapping_source")
    with op.batch_alter_table("profiles", schema=None) as batch_op:
        batch_op.drop_column("items_pulled_at")
        batch_op.drop_column("items_cursor")
        batch_op.drop_column("reference_pulled_at")
        batch_op.drop_column("reference_cursor")
