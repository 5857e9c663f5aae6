"""The ``ordinavo-desk`` command: composes store, services and (only for a window) the UI.

Commands that render nothing never import Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ordinavo_desk import __version__
from ordinavo_desk.domain.enums import Scope, Strategy, parse_scope
from ordinavo_desk.domain.errors import DeskError, InputError, NotFoundError, StoreError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.i18n import _
from ordinavo_desk.services.demo_service import demo_store_path, open_demo_store
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.mapping_service import MappingService
from ordinavo_desk.services.match_service import run_match
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.database import Store, display_url, resolve_url
from ordinavo_desk.store.migrate import upgrade_to_head

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def _strategy(value: str) -> Strategy:
    try:
        return Strategy(value)
    except ValueError:
        choices = ", ".join(s.value for s in Strategy)
        raise argparse.ArgumentTypeError(
            _("unknown strategy '{value}' (choose from {choices})").format(
                value=value, choices=choices
            )
        ) from None


def _scope(value: str) -> Scope:
    try:
        return parse_scope(value)
    except ValueError:
        choices = ", ".join(s.value for s in Scope)
        raise argparse.ArgumentTypeError(
            _("unknown scope '{value}' (choose from {choices})").format(
                value=value, choices=choices
            )
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ordinavo-desk",
        description=_(
            "Review customer mappings of Ordinavo Connect imports. "
            "Without a command, the desk window opens."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help=_(
            "SQLAlchemy database URL (also ORDINAVO_DESK_DB); "
            "default: a SQLite file in the user data directory"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    db = commands.add_parser("db", help=_("database maintenance"))
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help=_("create or migrate the schema to the newest"))

    imp = commands.add_parser(
        "import", help=_("import Connect payloads (target, batch, array or JSON Lines)")
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--profile", metavar="NAME", help=_("profile to import into"))

    ref = commands.add_parser("reference", help=_("reference data (customers, locations, ...)"))
    ref_commands = ref.add_subparsers(dest="reference_command", metavar="ACTION", required=True)
    load = ref_commands.add_parser("load", help=_("load a reference data file"))
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--profile", metavar="NAME", help=_("tenant default from this profile"))

    match = commands.add_parser(
        "match", help=_("map items of a file against reference data (never writes the store)")
    )
    match.add_argument("--reference", type=Path, required=True, metavar="FILE")
    match.add_argument("--items", type=Path, required=True, metavar="FILE")
    match.add_argument("--settings", type=Path, required=True, metavar="FILE")
    match.add_argument("--out", type=Path, metavar="FILE", help=_("default: standard output"))

    # The sandbox parses its own options (ordinavo_desk.sandbox.__main__).
    commands.add_parser(
        "sandbox",
        help=_("run the local Connect sandbox server (ordinavo-desk sandbox --help)"),
        add_help=False,
    )

    demo = commands.add_parser(
        "demo", help=_("open the desk on the bundled demo world (a store of its own)")
    )
    demo.add_argument("--reset", action="store_true", help=_("recreate the demo store"))
    demo.add_argument(
        "--no-window", action="store_true", help=_("prepare the demo store, open no window")
    )

    remap = commands.add_parser("remap", help=_("re-run the profile's rules on pending items"))
    remap.add_argument("--profile", metavar="NAME")

    profile = commands.add_parser("profile", help=_("integration profiles"))
    profile_commands = profile.add_subparsers(dest="profile_command", metavar="ACTION")
    profile_commands.required = True
    create = profile_commands.add_parser("create", help=_("create a profile"))
    create.add_argument("name", metavar="NAME")
    create.add_argument("--tenant", metavar="T")
    create.add_argument("--source-system", metavar="S")
    create.add_argument("--strategy", type=_strategy, metavar="X")
    create.add_argument("--scope", type=_scope, action="append", default=[], metavar="S")
    create.add_argument("--settings", type=Path, metavar="FILE", help=_("mapping settings"))
    create.add_argument("--use", action="store_true", help=_("make it the current profile"))
    use = profile_commands.add_parser("use", help=_("make a profile the current one"))
    use.add_argument("name", metavar="NAME")
    profile_commands.add_parser("list", help=_("list profiles"))
    show = profile_commands.add_parser("show", help=_("show a profile (default: current)"))
    show.add_argument("name", nargs="?", metavar="NAME")
    return parser


def _print_profile(profile: Profile, *, current: bool) -> None:
    s = profile.settings
    marker = _(" (current)") if current else ""
    print(f"{profile.name}{marker}")
    print(_("  tenant:         {v}").format(v=s.tenant))
    print(_("  source system:  {v}").format(v=s.source_system))
    print(_("  strategy:       {v}").format(v=s.strategy.value))
    print(_("  scopes:         {v}").format(v=", ".join(x.value for x in s.scopes)))
    auto = ", ".join(k for k, v in s.auto_create.model_dump().items() if v) or _("off")
    print(_("  auto-create:    {v}").format(v=auto))
    print(_("  auto-update:    {v}").format(v=_("on") if s.auto_update else _("off")))
    print(_("  safe fallbacks: {v}").format(v=", ".join(f.value for f in s.safe_fallbacks)))
    gates = s.name_and_address
    print(
        _("  name/address:   threshold {t}, margin {m}, floor {f}, {d} m").format(
            t=gates.threshold, m=gates.margin, f=gates.floor, d=gates.coordinate_agreement_meters
        )
    )
    print(_("  max candidates: {v}").format(v=s.max_candidates))
    if profile.base_url:
        print(_("  server:         {v}").format(v=profile.base_url))


def _run_profile(args: argparse.Namespace, store: Store) -> int:
    service = ProfileService(store)
    service.ensure_default()
    if args.profile_command == "create":
        profile = service.create(
            args.name,
            tenant=args.tenant,
            source_system=args.source_system,
            strategy=args.strategy,
            scopes=args.scope,
            settings_file=args.settings,
        )
        if args.use:
            service.use(profile.name)
        print(_("created profile '{name}'").format(name=profile.name))
        _print_profile(profile, current=args.use)
    elif args.profile_command == "use":
        profile = service.use(args.name)
        print(_("now using profile '{name}'").format(name=profile.name))
    elif args.profile_command == "list":
        profiles, current = service.list()
        for item in profiles:
            marker = "*" if item.name == current else " "
            print(
                f"{marker} {item.name}\t{item.tenant}\t{item.source_system}\t"
                f"{item.settings.strategy.value}"
            )
    else:
        profile = service.get(args.name)
        current = service.list()[1]
        _print_profile(profile, current=profile.name == current)
    return EXIT_OK


def _run_import(args: argparse.Namespace, store: Store) -> int:
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


def _run_reference(args: argparse.Namespace, store: Store) -> int:
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


def _print_progress(done: int, total: int) -> None:
    end = "\n" if done == total else ""
    print(f"\r{done:,} / {total:,}", end=end, file=sys.stderr, flush=True)


def _run_match(args: argparse.Namespace) -> int:
    progress = _print_progress if sys.stderr.isatty() else None
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


def _run_remap(args: argparse.Namespace, store: Store) -> int:
    profile = ProfileService(store).get(args.profile)
    summary = MappingService(store).remap(profile)
    statuses = ", ".join(f"{status.value} {n}" for status, n in sorted(summary.by_status.items()))
    print(
        _("{n} pending item(s) re-mapped with profile '{profile}'{sep}{statuses}").format(
            n=summary.items, profile=profile.name, sep=": " if statuses else "", statuses=statuses
        )
    )
    return EXIT_OK


def _run_demo(args: argparse.Namespace) -> int:
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
        return _open_window(store)
    finally:
        store.dispose()


def _open_window(store: Store) -> int:
    profile = ProfileService(store).get()
    from ordinavo_desk.ui.app import run_app  # noqa: PLC0415 - Qt only for a window

    return run_app(
        sys.argv[:1],
        db_url=display_url(store.url),
        profile_summary=f"{profile.name} ({profile.tenant} / {profile.source_system})",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "sandbox":
        parser.error(_("unrecognized arguments: {args}").format(args=" ".join(extra)))
    url = resolve_url(args.db)
    try:
        if args.command == "db":
            store = Store(url, migrate=False)
            applied = upgrade_to_head(store.engine)
            store.dispose()
            message = _("schema upgraded: {url}") if applied else _("schema is up to date: {url}")
            print(message.format(url=display_url(url)))
            return EXIT_OK
        if args.command == "match":
            return _run_match(args)
        if args.command == "demo":
            return _run_demo(args)
        if args.command == "sandbox":
            from ordinavo_desk.sandbox.__main__ import main as sandbox_main  # noqa: PLC0415

            return sandbox_main(extra)
        store = Store(url)
        try:
            if args.command == "remap":
                return _run_remap(args, store)
            if args.command == "import":
                return _run_import(args, store)
            if args.command == "reference":
                return _run_reference(args, store)
            if args.command == "profile":
                return _run_profile(args, store)
            return _open_window(store)
        finally:
            store.dispose()
    except (InputError, NotFoundError) as exc:
        print(_("error: {msg}").format(msg=exc), file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(_("error: {msg}").format(msg=exc), file=sys.stderr)
        return EXIT_FAILURE
    except DeskError as exc:
        print(_("error: {msg}").format(msg=exc), file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
