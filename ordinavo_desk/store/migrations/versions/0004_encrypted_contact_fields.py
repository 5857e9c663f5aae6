"""contacts' email, phone and mobile as text (they are stored encrypted)

An encrypted value is longer than the plain one, so the three columns become unbounded
text. Values written before are plain and stay readable; they are encrypted when the
record is next written.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_WIDTHS = {"email": 300, "phone": 100, "mobile": 100}


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        for name, width in _WIDTHS.items():
            batch_op.alter_column(
                name, existing_type=sa.String(length=width), type_=sa.Text(), existing_nullable=True
            )


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        for name, width in _WIDTHS.items():
            batch_op.alter_column(
                name, existing_type=sa.Text(), type_=sa.String(length=width), existing_nullable=True
            )
