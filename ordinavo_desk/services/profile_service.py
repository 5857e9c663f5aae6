"""Integration profiles: create, list, choose the current one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ordinavo_desk.domain.enums import Scope, Strategy
from ordinavo_desk.domain.errors import NotFoundError
from ordinavo_desk.domain.profile import Profile, default_profile
from ordinavo_desk.services.payload_files import read_settings_document, settings_from
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.profile_repository import ProfileRepository


class ProfileService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def ensure_default(self) -> None:
        """A fresh store gets the default profile, made current."""
        with self._store.unit_of_work() as session:
            repo = ProfileRepository(session)
            if repo.current_name() is not None:
                return
            profile = default_profile()
            if not repo.exists(profile.name):
                repo.save(profile)
            repo.set_current(profile.name)

    def create(
        self,
        name: str,
        *,
        tenant: str | None,
        source_system: str | None,
        strategy: Strategy | None = None,
        scopes: Sequence[Scope] = (),
        settings_file: Path | None = None,
        base_url: str | None = None,
    ) -> Profile:
        """A new profile; flags win over the values of ``settings_file``."""
        raw: dict[str, Any] = {}
        if settings_file is not None:
            raw = read_settings_document(settings_file)
        if tenant is not None:
            raw["tenant"] = tenant
        if source_system is not None:
            raw["sourceSystem"] = source_system
        if strategy is not None:
            raw["strategy"] = strategy.value
        if scopes:
            raw["scopes"] = [scope.value for scope in scopes]
        settings = settings_from(raw, file=str(settings_file) if settings_file else None)
        profile = Profile(name=name, settings=settings, base_url=base_url)
        with self._store.unit_of_work() as session:
            ProfileRepository(session).save(profile)
        return profile

    def save(self, profile: Profile) -> None:
        with self._store.unit_of_work() as session:
            ProfileRepository(session).save(profile, replace=True)

    def use(self, name: str) -> Profile:
        with self._store.unit_of_work() as session:
            repo = ProfileRepository(session)
            repo.set_current(name)
            return repo.get(name)

    def list(self) -> tuple[Sequence[Profile], str | None]:
        with self._store.unit_of_work() as session:
            repo = ProfileRepository(session)
            return repo.list(), repo.current_name()

    def get(self, name: str | None = None) -> Profile:
        """The named profile, or the current one."""
        self.ensure_default()
        with self._store.unit_of_work() as session:
            repo = ProfileRepository(session)
            chosen = name or repo.current_name()
            if chosen is None:
                raise NotFoundError("no current profile")
            return repo.get(chosen)
