"""An integration profile: a named connection context with its mapping settings."""

from __future__ import annotations

from datetime import datetime

from ordinavo_desk.domain.base import WireModel
from ordinavo_desk.domain.enums import Strategy
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.domain.validators import RequiredText

DEFAULT_PROFILE_NAME = "default"
#: The tenant and source system of the default profile (those of the bundled demo data).
DEFAULT_TENANT = "acme"
DEFAULT_SOURCE_SYSTEM = "sap-erp"


class Profile(WireModel):
    name: RequiredText
    settings: MappingSettings
    base_url: str | None = None

    @property
    def tenant(self) -> str:
        return self.settings.tenant

    @property
    def source_system(self) -> str:
        return self.settings.source_system


def default_profile() -> Profile:
    return Profile(
        name=DEFAULT_PROFILE_NAME,
        settings=MappingSettings(
            tenant=DEFAULT_TENANT,
            source_system=DEFAULT_SOURCE_SYSTEM,
            strategy=Strategy.EXTERNAL_ID_FIRST,
        ),
    )


class ProfileSyncState(WireModel):
    """Where a profile's pulls stand.

    The cursors are the server's: ``reference_cursor`` is where the next reference pull
    starts, ``items_cursor`` where an interrupted walk of the review queue goes on (None:
    the next walk starts at the beginning). The times are those of the last pull that
    completed, so the desk knows how old its reference data is.
    """

    profile: str
    reference_cursor: str | None = None
    reference_pulled_at: datetime | None = None
    items_cursor: str | None = None
    items_pulled_at: datetime | None = None
