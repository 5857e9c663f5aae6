"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_state",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_desk_state")),
    )
    op.create_table(
        "tenants",
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=True),
        sa.Column("reference_cursor", sa.String(length=200), nullable=True),
        sa.Column("reference_updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant", name=op.f("pk_tenants")),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("subject_type", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.String(length=200), nullable=False),
        sa.Column("before", JSON_TYPE, nullable=True),
        sa.Column("after", JSON_TYPE, nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=True),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant"], ["tenants.tenant"], name=op.f("fk_audit_events_tenant_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_events_tenant_occurred_at"),
            ["tenant", "occurred_at"],
            unique=False,
        )

    op.create_table(
        "customers",
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("customer_number", sa.String(length=100), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("type", sa.String(length=100), nullable=True),
        sa.Column("industry", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=100), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant"], ["tenants.tenant"], name=op.f("fk_customers_tenant_tenants")
        ),
        sa.PrimaryKeyConstraint("tenant", "id", name=op.f("pk_customers")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customers_tenant_customer_number"),
            ["tenant", "customer_number"],
            unique=False,
        )

    op.create_table(
        "external_refs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("source_system", sa.String(length=100), nullable=False),
        sa.Column("external_type", sa.String(length=20), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant"], ["tenants.tenant"], name=op.f("fk_external_refs_tenant_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_refs")),
        sa.UniqueConstraint(
            "tenant",
            "source_system",
            "external_type",
            "external_id",
            name=op.f("uq_external_refs_tenant_source_system_external_type_external_id"),
        ),
    )
    with op.batch_alter_table("external_refs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_external_refs_tenant_external_type_record_id"),
            ["tenant", "external_type", "record_id"],
            unique=False,
        )

    op.create_table(
        "import_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("source_system", sa.String(length=100), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("payload", JSON_TYPE, nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("origin_detail", sa.String(length=500), nullable=True),
        sa.Column("batch_id", sa.String(length=200), nullable=True),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("server_item_id", sa.String(length=200), nullable=True),
        sa.Column("server_version", sa.String(length=100), nullable=True),
        sa.Column("customer_name", sa.String(length=300), nullable=True),
        sa.Column("city", sa.String(length=200), nullable=True),
        sa.Column("due", sa.String(length=40), nullable=True),
        sa.Column("priority", sa.String(length=50), nullable=True),
        sa.Column("mapping_status", sa.String(length=20), nullable=True),
        sa.Column("mapping_result", JSON_TYPE, nullable=True),
        sa.Column("mapping_version", sa.Integer(), nullable=True),
        sa.Column("review_state", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant"], ["tenants.tenant"], name=op.f("fk_import_items_tenant_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_items")),
        sa.UniqueConstraint(
            "tenant",
            "source_system",
            "external_id",
            name=op.f("uq_import_items_tenant_source_system_external_id"),
        ),
    )
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_items_tenant_review_state_mapping_status"),
            ["tenant", "review_state", "mapping_status"],
            unique=False,
        )

    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("source_system", sa.String(length=100), nullable=False),
        sa.Column("strategy", sa.String(length=60), nullable=False),
        sa.Column("scopes", JSON_TYPE, nullable=False),
        sa.Column("settings", JSON_TYPE, nullable=False),
        sa.Column("base_url", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant"], ["tenants.tenant"], name=op.f("fk_profiles_tenant_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profiles")),
        sa.UniqueConstraint("name", name=op.f("uq_profiles_name")),
    )
    op.create_table(
        "locations",
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("type", sa.String(length=100), nullable=True),
        sa.Column("street", sa.String(length=300), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("city", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("default_estimated_work_minutes", sa.Integer(), nullable=True),
        sa.Column("default_priority", sa.String(length=50), nullable=True),
        sa.Column("access_notes", sa.Text(), nullable=True),
        sa.Column("parking_notes", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant", "customer_id"],
            ["customers.tenant", "customers.id"],
            name=op.f("fk_locations_tenant_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant", "id", name=op.f("pk_locations")),
    )
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_locations_tenant_customer_id"), ["tenant", "customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_locations_tenant_postal_code"), ["tenant", "postal_code"], unique=False
        )

    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("item_version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("status_before", sa.String(length=20), nullable=True),
        sa.Column("links_before", JSON_TYPE, nullable=False),
        sa.Column("status_after", sa.String(length=20), nullable=True),
        sa.Column("links_after", JSON_TYPE, nullable=False),
        sa.Column("corrections", JSON_TYPE, nullable=False),
        sa.Column("reason_code", sa.String(length=30), nullable=True),
        sa.Column("reason_text", sa.Text(), nullable=True),
        sa.Column("payload", JSON_TYPE, nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["import_items.id"],
            name=op.f("fk_review_decisions_item_id_import_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["review_decisions.id"],
            name=op.f("fk_review_decisions_supersedes_id_review_decisions"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant"], ["tenants.tenant"], name=op.f("fk_review_decisions_tenant_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_decisions")),
    )
    with op.batch_alter_table("review_decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_decisions_tenant_item_id"), ["tenant", "item_id"], unique=False
        )

    op.create_table(
        "contacts",
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("first_name", sa.String(length=200), nullable=True),
        sa.Column("last_name", sa.String(length=200), nullable=True),
        sa.Column("display_name", sa.String(length=300), nullable=True),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("department", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=100), nullable=True),
        sa.Column("mobile", sa.String(length=100), nullable=True),
        sa.Column("preferred_contact_method", sa.String(length=50), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant", "customer_id"],
            ["customers.tenant", "customers.id"],
            name=op.f("fk_contacts_tenant_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant", "location_id"],
            ["locations.tenant", "locations.id"],
            name=op.f("fk_contacts_tenant_location_id_locations"),
        ),
        sa.PrimaryKeyConstraint("tenant", "id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contacts_tenant_customer_id"), ["tenant", "customer_id"], unique=False
        )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["review_decisions.id"],
            name=op.f("fk_outbox_decision_id_review_decisions"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant"], ["tenants.tenant"], name=op.f("fk_outbox_tenant_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_idempotency_key")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_tenant_state"), ["tenant", "state"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_tenant_state"))

    op.drop_table("outbox")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_tenant_customer_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("review_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_decisions_tenant_item_id"))

    op.drop_table("review_decisions")
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_locations_tenant_postal_code"))
        batch_op.drop_index(batch_op.f("ix_locations_tenant_customer_id"))

    op.drop_table("locations")
    op.drop_table("profiles")
    with op.batch_alter_table("import_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_items_tenant_review_state_mapping_status"))

    op.drop_table("import_items")
    with op.batch_alter_table("external_refs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_external_refs_tenant_external_type_record_id"))

    op.drop_table("external_refs")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_tenant_customer_number"))

    op.drop_table("customers")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_tenant_occurred_at"))

    op.drop_table("audit_events")
    op.drop_table("tenants")
    op.drop_table("desk_state")
