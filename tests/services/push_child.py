"""A push in a process of its own, for the crash tests: ``python -m
tests.services.push_child DB_URL BASE_URL PROFILE`` (the key in ORDINAVO_DESK_API_KEY).
Prints the number of decisions handled after each one."""

from __future__ import annotations

import os
import sys

from ordinavo_desk.services.connection import open_client
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.push_service import PushProgress, PushService
from ordinavo_desk.store.database import Store


def main() -> None:
    db_url, base_url, profile_name = sys.argv[1:4]
    store = Store(db_url)
    profile = ProfileService(store).get(profile_name)

    def report(step: PushProgress) -> None:
        print(step.done, flush=True)

    with open_client(base_url, os.environ["ORDINAVO_DESK_API_KEY"]) as client:
        summary = PushService(store).push(profile, client, progress=report)
    print(f"sent={summary.sent} retrying={summary.retrying}", flush=True)


if __name__ == "__main__":
    main()
