"""Commands on local files and the store: import, reference, match, remap, demo, and the window."""

from __future__ import annotations

import argparse
import sys

from ordinavo_desk.cli.exit_codes import EXIT_OK, EXIT_USAGE
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.i18n import _
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.mapping_service import MappingService
from ordinavo_desk.services.match_service import run_match
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.database import Store


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
