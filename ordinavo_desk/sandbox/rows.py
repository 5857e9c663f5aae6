"""ORM rows of the sandbox server's own store (never the desk's tables)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ordinavo_desk.store.types import UtcDateTime, utcnow


class SandboxBase(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class MetaRow(SandboxBase):
    """Named counters: the reference change sequence, job numbers."""

    __tablename__ = "sandbox_meta"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class RecordRow(SandboxBase):
    """A customer, location or contact; ``data`` holds its fields (snake_case)."""

    __tablename__ = "sandbox_records"

    tenant: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    customer_id: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    change_seq: Mapped[int] = mapped_column(Integer, index=True)
    #: Created by a decision that was reverted: kept, flagged for a supervisor.
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index(None, "tenant", "customer_id"),)


class RefRow(SandboxBase):
    __tablename__ = "sandbox_external_refs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(100))
    source_system: Mapped[str] = mapped_column(String(100))
    external_type: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(200))
    record_id: Mapped[int] = mapped_column(Integer)
    change_seq: Mapped[int] = mapped_column(Integer, index=True)

    __table_args__ = (
        UniqueConstraint("tenant", "source_system", "external_type", "external_id"),
        Index(None, "tenant", "external_type", "record_id"),
    )


class CustomerChangeRow(SandboxBase):
    """The latest change of each customer's reference data (the customer record, its
    locations, contacts or external references): the keyset of ``GET /review/reference``,
    so that a page is one index range instead of a scan of every change."""

    __tablename__ = "sandbox_customer_changes"

    tenant: Mapped[str] = mapped_column(String(100), primary_key=True)
    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    change_seq: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index(None, "tenant", "change_seq", "customer_id"),)


class CustomerWireRow(SandboxBase):
    """A customer as ``GET /review/reference`` sends it (JSON text, with its locations,
    contacts and external references), kept until the customer's data changes: a page
    of the feed is then a few hundred stored strings instead of thousands of records to
    read, convert and encode."""

    __tablename__ = "sandbox_customer_wire"

    tenant: Mapped[str] = mapped_column(String(100), primary_key=True)
    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    body: Mapped[str] = mapped_column(Text)


class JobRow(SandboxBase):
    """An import job; ``body`` is the ImportJob as the importing key could see it fully."""

    __tablename__ = "sandbox_import_jobs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(100), index=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class ItemRow(SandboxBase):
    """An imported target with its current mapping result and review state."""

    __tablename__ = "sandbox_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(100))
    source_system: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    target: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    result_detailed: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(20))
    warnings: Mapped[list[str]] = mapped_column(JSON)
    customer_id: Mapped[int | None] = mapped_column(Integer)
    location_id: Mapped[int | None] = mapped_column(Integer)
    contact_id: Mapped[int | None] = mapped_column(Integer)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    review_state: Mapped[str] = mapped_column(String(20))
    import_job_id: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    __table_args__ = (
        UniqueConstraint("tenant", "source_system", "external_id"),
        Index(None, "tenant", "needs_review", "id"),
        Index(None, "tenant", "needs_review", "status", "id"),
        # the queue's filters without reading the items' large rows: a walk filtered by a
        # rare warning scans this index instead of every item
        Index(
            "ix_sandbox_items_queue_filters",
            "tenant",
            "needs_review",
            "id",
            "review_state",
            "status",
            "warnings",
        ),
    )


class DecisionRow(SandboxBase):
    """A decision (``record`` as on the wire) and the item as it was before it."""

    __tablename__ = "sandbox_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant: Mapped[str] = mapped_column(String(100))
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    reverted_by: Mapped[int | None] = mapped_column(Integer)


class IdempotencyRow(SandboxBase):
    """The first successful answer to a write, per API key and Idempotency-Key."""

    __tablename__ = "sandbox_idempotency"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    headers: Mapped[dict[str, str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
