"""ORM rows of the local store. Rows never leave the store: repositories convert them.

Reference records are keyed by ``(tenant, id)`` and reference each other through
composite foreign keys that include the tenant, so a location can never belong to a
customer of another tenant.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ordinavo_desk.store.personal_data import EncryptedText, PersonalJson
from ordinavo_desk.store.types import JsonType, UtcDateTime, utcnow

#: The open review states (domain.decisions.OPEN_STATES) as SQL literals: a partial index
#: serves only queries that name these same literals.
OPEN_QUEUE_STATES = ("deferred", "pending")
OPEN_QUEUE_CONDITION = "review_state IN ('deferred', 'pending')"

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: Where JSON documents hold a contact DTO whose personal fields are encrypted.
CONTACT = ("contact",)
REQUEST_CONTACT = ("request", "corrections", "contact")
SERVER_CONTACT = ("serverItem", "target", "contact")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class TenantRow(Base):
    __tablename__ = "tenants"

    tenant: Mapped[str] = mapped_column(String(100), primary_key=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    reference_cursor: Mapped[str | None] = mapped_column(String(200))
    reference_updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class ProfileRow(Base):
    """An integration profile: a tenant, a source system and its mapping settings."""

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    tenant: Mapped[str] = mapped_column(ForeignKey("tenants.tenant"))
    source_system: Mapped[str] = mapped_column(String(100))
    strategy: Mapped[str] = mapped_column(String(60))
    scopes: Mapped[list[str]] = mapped_column(JsonType)
    settings: Mapped[dict[str, Any]] = mapped_column(JsonType)
    base_url: Mapped[str | None] = mapped_column(String(500))
    # Where the last pulls of this profile stopped (cursors are the server's, meaningful
    # only for the server and tenant that gave them) and when they last completed.
    reference_cursor: Mapped[str | None] = mapped_column(String(200))
    reference_pulled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    items_cursor: Mapped[str | None] = mapped_column(String(500))
    items_pulled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)


class DeskStateRow(Base):
    """Small key/value facts about this desk (e.g. the current profile)."""

    __tablename__ = "desk_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CustomerRow(Base):
    __tablename__ = "customers"

    tenant: Mapped[str] = mapped_column(ForeignKey("tenants.tenant"), primary_key=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    customer_number: Mapped[str | None] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(300))
    type: Mapped[str | None] = mapped_column(String(100))
    industry: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(100))
    website: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="Active")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    __table_args__ = (Index(None, "tenant", "customer_number"),)


class LocationRow(Base):
    __tablename__ = "locations"

    tenant: Mapped[str] = mapped_column(String(100), primary_key=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    customer_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(300))
    type: Mapped[str | None] = mapped_column(String(100))
    street: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    default_estimated_work_minutes: Mapped[int | None] = mapped_column(Integer)
    default_priority: Mapped[str | None] = mapped_column(String(50))
    access_notes: Mapped[str | None] = mapped_column(Text)
    parking_notes: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant", "customer_id"], ["customers.tenant", "customers.id"], ondelete="CASCADE"
        ),
        Index(None, "tenant", "customer_id"),
        Index(None, "tenant", "postal_code"),
    )


class ContactRow(Base):
    __tablename__ = "contacts"

    tenant: Mapped[str] = mapped_column(String(100), primary_key=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    customer_id: Mapped[int] = mapped_column(Integer)
    location_id: Mapped[int | None] = mapped_column(Integer)
    first_name: Mapped[str | None] = mapped_column(String(200))
    last_name: Mapped[str | None] = mapped_column(String(200))
    display_name: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(EncryptedText())
    phone: Mapped[str | None] = mapped_column(EncryptedText())
    mobile: Mapped[str | None] = mapped_column(EncryptedText())
    preferred_contact_method: Mapped[str | None] = mapped_column(String(50))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    __table_args__ = (
        ForeignKeyConstraint(
            ["tenant", "customer_id"], ["customers.tenant", "customers.id"], ondelete="CASCADE"
        ),
        ForeignKeyConstraint(["tenant", "location_id"], ["locations.tenant", "locations.id"]),
        Index(None, "tenant", "customer_id"),
        # the foreign key's own index: deleting a location checks its contacts by it
        Index(None, "tenant", "location_id"),
    )


class ExternalRefRow(Base):
    """``(tenant, source_system, external_type, external_id)`` → one record of that type."""

    __tablename__ = "external_refs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(ForeignKey("tenants.tenant"))
    source_system: Mapped[str] = mapped_column(String(100))
    external_type: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(200))
    record_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    __table_args__ = (
        UniqueConstraint("tenant", "source_system", "external_type", "external_id"),
        Index(None, "tenant", "external_type", "record_id"),
    )


class ImportItemRow(Base):
    """An import item (inbound target) with its raw payload and current mapping result."""

    __tablename__ = "import_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(ForeignKey("tenants.tenant"))
    source_system: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    payload: Mapped[dict[str, Any]] = mapped_column(PersonalJson(CONTACT))
    origin: Mapped[str] = mapped_column(String(10))
    origin_detail: Mapped[str | None] = mapped_column(String(500))
    batch_id: Mapped[str | None] = mapped_column(String(200))
    operation: Mapped[str] = mapped_column(String(10))
    server_item_id: Mapped[str | None] = mapped_column(String(200))
    server_version: Mapped[str | None] = mapped_column(String(100))
    # Denormalised for queue sorting and search in SQL.
    customer_name: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(200))
    due: Mapped[str | None] = mapped_column(String(40))
    priority: Mapped[str | None] = mapped_column(String(50))
    # The mapping result computed for ``mapping_version`` (None: not mapped yet).
    mapping_status: Mapped[str | None] = mapped_column(String(20))
    #: The result's warning codes as ``|Code|Other|`` (the queue filters them with LIKE).
    warnings: Mapped[str | None] = mapped_column(String(500))
    mapping_result: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    mapping_version: Mapped[int | None] = mapped_column(Integer)
    #: Who computed the mapping result: "desk" (the local engine) or "server" (pulled).
    mapping_source: Mapped[str | None] = mapped_column(String(10))
    #: The strategy the mapping result was computed with (None: not known).
    mapping_strategy: Mapped[str | None] = mapped_column(String(40))
    review_state: Mapped[str] = mapped_column(String(20), default="pending")
    #: Decisions recorded on the item: a decision is written only if this is still the
    #: number the reviewer saw (optimistic concurrency on a shared store).
    decision_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Who has the item open, until when (a claim expires by itself).
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("tenant", "source_system", "external_id"),
        Index(None, "tenant", "review_state", "mapping_status"),
        Index("ix_import_items_queue_name", "tenant", "customer_name"),
        Index("ix_import_items_queue_city", "tenant", "city"),
        Index("ix_import_items_queue_due", "tenant", "due"),
        Index("ix_import_items_queue_state", "tenant", "source_system", "review_state"),
        # the open queue in arrival order: a partial index WHERE OPEN_QUEUE_CONDITION, as
        # migration 0007 creates it on both backends. The WHERE is left out here: a
        # dialect's index options make SQLAlchemy import that dialect when the models load,
        # and the PostgreSQL dialect with its drivers would cost every SQLite desk's start.
        Index("ix_import_items_queue_open", "tenant", "source_system", "id"),
    )


class ReviewDecisionRow(Base):
    """A person's decision on an item. Append-only: a later decision supersedes it."""

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(ForeignKey("tenants.tenant"))
    item_id: Mapped[int] = mapped_column(ForeignKey("import_items.id", ondelete="CASCADE"))
    item_version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    author: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("review_decisions.id"))
    status_before: Mapped[str | None] = mapped_column(String(20))
    links_before: Mapped[dict[str, Any]] = mapped_column(JsonType)
    status_after: Mapped[str | None] = mapped_column(String(20))
    links_after: Mapped[dict[str, Any]] = mapped_column(JsonType)
    corrections: Mapped[dict[str, Any]] = mapped_column(PersonalJson(CONTACT))
    reason_code: Mapped[str | None] = mapped_column(String(30))
    reason_text: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(PersonalJson(REQUEST_CONTACT))

    __table_args__ = (Index(None, "tenant", "item_id"),)


class AuditEventRow(Base):
    """One entry of the hash-chained audit trail. Append-only."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(ForeignKey("tenants.tenant"))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(200))
    before: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index(None, "tenant", "occurred_at"),
        # the tail of a tenant's chain, read by every append (migration 0008)
        Index(None, "tenant", "id"),
    )


class OutboxRow(Base):
    """A decision waiting to be written back to the server."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(ForeignKey("tenants.tenant"))
    decision_id: Mapped[int] = mapped_column(ForeignKey("review_decisions.id"))
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    held: Mapped[bool] = mapped_column(Boolean, default=False)
    #: How the decision goes to the server: "review" (the review extension), "upsert"
    #: (re-importing the target, plain v1) or "local" (no server: exported instead).
    route: Mapped[str | None] = mapped_column(String(10))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    server_decision_id: Mapped[str | None] = mapped_column(String(100))
    #: The server's answer: the decision result, or the problem and the server's item.
    response: Mapped[dict[str, Any] | None] = mapped_column(PersonalJson(SERVER_CONTACT))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)

    __table_args__ = (Index(None, "tenant", "state"),)
