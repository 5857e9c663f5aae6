"""Commands that open the window: the desk on a store, the demo, and screenshots of the
window. Kept apart from the other commands so that opening the window imports only what
the window needs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ordinavo_desk.cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from ordinavo_desk.domain.errors import DeskError
from ordinavo_desk.i18n import _
from ordinavo_desk.services.demo_service import demo_store_path, open_demo_store
from ordinavo_desk.services.desk_services import open_services
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.queue_service import QueueFilter, QueueService
from ordinavo_desk.store.database import Store, display_url


def run_demo(args: argparse.Namespace) -> int:
    fresh = args.reset or not demo_store_path().exists()
    if fresh:
        print(_("building the demo store from the demo world ..."), file=sys.stderr)
    store = open_demo_store(reset=args.reset)
    try:
        profile = ProfileService(store).get()
        count = QueueService(store).count(profile, QueueFilter(state=""))
        print(
            _("demo store: {path} ({n} items, profile '{profile}')").format(
                path=demo_store_path(), n=count, profile=profile.name
            )
        )
        if args.no_window:
            return EXIT_OK
        if args.screenshot is not None:
            return render_screenshot(store, args)
        if args.item is not None:
            print(_("--item goes with --screenshot"), file=sys.stderr)
            return EXIT_USAGE
        return open_window(store)
    finally:
        store.dispose()


def desk_context(store: Store) -> Any:
    from ordinavo_desk.ui.context import DeskContext  # noqa: PLC0415 - Qt only for a window

    profile = ProfileService(store).get()
    return DeskContext(profile, open_services(store))


def render_screenshot(store: Store, args: argparse.Namespace) -> int:
    """Render the window offscreen with ``--item`` (or where the queue resumes) to
    ``--screenshot``, in ``--language`` and ``--theme``."""
    path: Path = args.screenshot
    item: str | None = args.item
    size: str = args.size
    try:
        width, height = (int(part) for part in size.lower().split("x", 1))
    except ValueError:
        print(_("--size: expected WIDTHxHEIGHT, e.g. 1500x900"), file=sys.stderr)
        return EXIT_USAGE
    profile = ProfileService(store).get()
    item_id = None
    if item is not None:
        try:
            item_id = open_services(store).review.find_item(profile, item)
        except DeskError as error:
            print(_("--item: {error}").format(error=error), file=sys.stderr)
            return EXIT_USAGE
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ordinavo_desk.ui.app import render_window  # noqa: PLC0415 - Qt only for a window

    written = render_window(
        sys.argv[:1], desk_context(store), path, item_id, size=(width, height),
        language=args.language, theme=args.theme,
    )  # fmt: skip
    if not written:
        print(_("could not write {path}").format(path=path), file=sys.stderr)
        return EXIT_FAILURE
    print(path)
    return EXIT_OK


def open_window(store: Store) -> int:
    from ordinavo_desk.ui.app import run_app  # noqa: PLC0415 - Qt only for a window

    context = desk_context(store)
    profile = context.profile
    return run_app(
        sys.argv[:1],
        db_url=display_url(store.url),
        profile_summary=f"{profile.name} ({profile.tenant} / {profile.source_system})",
        context=context,
    )
