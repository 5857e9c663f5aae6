"""An integration profile: a named connection context with its mapping settings."""

from __future__ import annotations

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
