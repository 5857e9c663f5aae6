"""What the window works with: the profile and the services (never the store itself)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.desk_services import DeskServices
from ordinavo_desk.services.item_view import ItemViewService
from ordinavo_desk.services.queue_service import QueueService

if TYPE_CHECKING:
    from ordinavo_desk.services.review_service import ReviewService
    from ordinavo_desk.services.review_tools import ReviewTools


@dataclass(frozen=True, slots=True)
class DeskContext:
    profile: Profile
    services: DeskServices

    @property
    def queue(self) -> QueueService:
        return self.services.queue

    @property
    def review(self) -> ReviewService:
        return self.services.review

    @property
    def views(self) -> ItemViewService:
        return self.services.views

    @property
    def tools(self) -> ReviewTools:
        return self.services.tools

    def with_profile(self, profile: Profile) -> DeskContext:
        """The same services for another profile (the profile switcher)."""
        return DeskContext(profile, self.services)
