"""Typed identifiers of Ordinavo records."""

from __future__ import annotations

from typing import NewType

CustomerId = NewType("CustomerId", int)
LocationId = NewType("LocationId", int)
ContactId = NewType("ContactId", int)
TenantId = NewType("TenantId", str)
SourceSystem = NewType("SourceSystem", str)
