"""Commands on local files and the store: import, reference, match, remap, demo, and the window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ordinavo_desk.cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from ordinavo_desk.domain.errors import DeskError, InputError
from ordinavo_desk.i18n import _
from ordinavo_desk.services.demo_service import demo_store_path, open_demo_store
from ordinavo_desk.services.desk_services import open_services
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.mapping_service import MappingService
from ordinavo_desk.services.match_service import run_match
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.store.database import Store, display_url


def run_import(args: argparse.Namespace, store: Store) -> int:
    profile = ProfileService(store).get(args.profile)
    service = ImportService(store)
    failed = 0
    for path in args.files:
        try:
            summary = service.import_file(path, profile)
        except InputError as exc:
            failed += 1
            print(_("error: {msg}").format(msg=exc.describe()), file=sys.stderr)
            print(_("  nothing from {file} was stored").format(file=path), file=sys.stderr)
            continue
        print(
            _("{file}: {total} item(s): {c} new, {u} updated, {n} unchanged ({profile})").format(
                file=path,
                total=summary.total,
                c=summary.created,
                u=summary.updated,
                n=summary.unchanged,
                profile=profile.name,
            )
        )
    return EXIT_USAGE if failed else EXIT_OK


def run_reference(args: argparse.Namespace, store: Store) -> int:
    profile = ProfileService(store).get(args.profile)
    summary = ImportService(store).load_reference(args.file, profile.tenant)
    tenants = ", ".join(f"{t}: {n}" for t, n in sorted(summary.customers_by_tenant.items()))
    print(
        _(
            "{file}: {customers} customer(s) ({tenants}), {loc} location(s), {con} contact(s)"
        ).format(
            file=args.file,
            customers=sum(summary.customers_by_tenant.values()),
            tenants=tenants,
            loc=summary.locations,
            con=summary.contacts,
        )
    )
    return EXIT_OK


def print_progress(done: int, total: int) -> None:
    end = "\n" if done == total else ""
    print(f"\r{done:,} / {total:,}", end=end, file=sys.stderr, flush=True)


def run_match_command(args: argparse.Namespace) -> int:
    progress = print_progress if sys.stderr.isatty() else None
    summary = run_match(
        args.reference,
        args.items,
        args.settings,
        out=args.out,
        stdout=sys.stdout,
        progress=progress,
    )
    if args.out is not None:
        print(
            _("{n} result(s) written to {out}").format(n=summary.items, out=args.out),
            file=sys.stderr,
        )
    return EXIT_OK


def run_remap(args: argparse.Namespace, store: Store) -> int:
    profile = ProfileService(store).get(args.profile)
    summary = MappingService(store).remap(profile)
    statuses = ", ".join(f"{status.value} {n}" for status, n in sorted(summary.by_status.items()))
    print(
        _("{n} pending item(s) re-mapped with profile '{profile}'{sep}{statuses}").format(
            n=summary.items, profile=profile.name, sep=": " if statuses else "", statuses=statuses
        )
    )
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    fresh = args.reset or not demo_store_path().exists()
    if fresh:
        print(_("building the demo store from the demo world ..."), file=sys.stderr)
    store = open_demo_store(reset=args.reset)
    try:
        profile = ProfileService(store).get()
        count = ImportService(store).item_count(profile)
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


def _context(store: Store) -> Any:
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
            item_id = ReviewService(store).find_item(profile, item)
        except DeskError as error:
            print(_("--item: {error}").format(error=error), file=sys.stderr)
            return EXIT_USAGE
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ordinavo_desk.ui.app import render_window  # noqa: PLC0415 - Qt only for a window

    written = render_window(
        sys.argv[:1], _context(store), path, item_id, size=(width, height),
        language=args.language, theme=args.theme,
    )  # fmt: skip
    if not written:
        print(_("could not write {path}").format(path=path), file=sys.stderr)
        return EXIT_FAILURE
    print(path)
    return EXIT_OK


def open_window(store: Store) -> int:
    from ordinavo_desk.ui.app import run_app  # noqa: PLC0415 - Qt only for a window

    context = _context(store)
    profile = context.profile
    return run_app(
        sys.argv[:1],
        db_url=display_url(store.url),
        profile_summary=f"{profile.name} ({profile.tenant} / {profile.source_system})",
        context=context,
    )
