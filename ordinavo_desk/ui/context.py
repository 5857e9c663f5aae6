"""What the window works with: the profile and the services (never the store itself)."""

from __future__ import annotations

from dataclasses import dataclass

from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.queue_service import QueueService
from ordinavo_desk.services.review_service import ReviewService


@dataclass(frozen=True, slots=True)
class DeskContext:
    profile: Profile
    queue: QueueService
    review: ReviewService
