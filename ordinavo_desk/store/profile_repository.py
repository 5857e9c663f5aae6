"""Integration profiles and the current-profile choice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordinavo_desk.domain.errors import ConflictError, NotFoundError
from ordinavo_desk.domain.profile import Profile, ProfileSyncState
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.store.rows import DeskStateRow, ProfileRow, TenantRow

CURRENT_PROFILE_KEY = "current_profile"


def _to_profile(row: ProfileRow) -> Profile:
    return Profile(
        name=row.name,
        settings=MappingSettings.model_validate(row.settings),
        base_url=row.base_url,
    )


def ensure_tenant(session: Session, tenant: str) -> None:
    """Create the tenant row if it does not exist yet."""
    if session.get(TenantRow, tenant) is None:
        session.add(TenantRow(tenant=tenant))
        session.flush()


class ProfileRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, name: str) -> ProfileRow:
        row = self._session.scalars(select(ProfileRow).where(ProfileRow.name == name)).first()
        if row is None:
            raise NotFoundError(f"no profile named '{name}'")
        return row

    def get(self, name: str) -> Profile:
        return _to_profile(self._row(name))

    def exists(self, name: str) -> bool:
        query = select(ProfileRow.id).where(ProfileRow.name == name)
        return self._session.scalars(query).first() is not None

    def list(self) -> Sequence[Profile]:
        rows = self._session.scalars(select(ProfileRow).order_by(ProfileRow.name))
        return [_to_profile(row) for row in rows]

    def save(self, profile: Profile, *, replace: bool = False) -> None:
        """Store ``profile``; an existing name is a conflict unless ``replace``."""
        settings = profile.settings
        ensure_tenant(self._session, settings.tenant)
        query = select(ProfileRow).where(ProfileRow.name == profile.name)
        row = self._session.scalars(query).first()
        if row is not None and not replace:
            raise ConflictError(f"a profile named '{profile.name}' exists already")
        if row is None:
            row = ProfileRow(name=profile.name)
            self._session.add(row)
        elif row.base_url != profile.base_url or row.tenant != settings.tenant:
            # a cursor means something only to the server and tenant that gave it out
            _reset_sync_state(row)
        row.tenant = settings.tenant
        row.source_system = settings.source_system
        row.strategy = settings.strategy.value
        row.scopes = [scope.value for scope in settings.scopes]
        row.settings = settings.model_dump(mode="json", by_alias=True)
        row.base_url = profile.base_url
        self._session.flush()

    def current_name(self) -> str | None:
        state = self._session.get(DeskStateRow, CURRENT_PROFILE_KEY)
        return state.value if state is not None else None

    def set_current(self, name: str) -> None:
        self._row(name)
        state = self._session.get(DeskStateRow, CURRENT_PROFILE_KEY)
        if state is None:
            self._session.add(DeskStateRow(key=CURRENT_PROFILE_KEY, value=name))
        else:
            state.value = name
        self._session.flush()

    # -- sync state ----------------------------------------------------------------------

    def sync_state(self, name: str) -> ProfileSyncState:
        row = self._row(name)
        return ProfileSyncState(
            profile=row.name,
            reference_cursor=row.reference_cursor,
            reference_pulled_at=row.reference_pulled_at,
            items_cursor=row.items_cursor,
            items_pulled_at=row.items_pulled_at,
        )

    def save_reference_cursor(self, name: str, cursor: str) -> None:
        """Where the next reference pull starts (saved with the page it follows)."""
        self._row(name).reference_cursor = cursor
        self._session.flush()

    def reference_pulled(self, name: str, at: datetime) -> None:
        """A reference pull completed at ``at``: the profile's and its tenant's reference
        data are that fresh."""
        row = self._row(name)
        row.reference_pulled_at = at
        ensure_tenant(self._session, row.tenant)
        tenant = self._session.get(TenantRow, row.tenant)
        assert tenant is not None
        tenant.reference_updated_at = at
        self._session.flush()

    def save_items_cursor(self, name: str, cursor: str | None) -> None:
        """Where an interrupted walk of the review queue goes on (saved with its page)."""
        self._row(name).items_cursor = cursor
        self._session.flush()

    def items_pulled(self, name: str, at: datetime) -> None:
        """A walk of the review queue completed: the next one starts at the beginning."""
        row = self._row(name)
        row.items_cursor = None
        row.items_pulled_at = at
        self._session.flush()

    def reset_sync_state(self, name: str) -> None:
        _reset_sync_state(self._row(name))
        self._session.flush()


def _reset_sync_state(row: ProfileRow) -> None:
    row.reference_cursor = None
    row.reference_pulled_at = None
    row.items_cursor = None
    row.items_pulled_at = None
