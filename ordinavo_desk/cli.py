"""The ``ordinavo-desk`` command: composes store, services and (only for a window) the UI.

Commands that render nothing never import Qt.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO

from ordinavo_desk import __version__
from ordinavo_desk.connect.errors import (
    ApiError,
    AuthError,
    ConnectError,
    ForbiddenError,
    RequestTimeoutError,
    TransportError,
)
from ordinavo_desk.connect.keys import API_KEY_ENV, ApiKeyStore, KeySource, KeyStoreError
from ordinavo_desk.domain.enums import Scope, Strategy, parse_scope
from ordinavo_desk.domain.errors import DeskError, InputError, NotFoundError, StoreError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.i18n import _
from ordinavo_desk.services.connection import open_client
from ordinavo_desk.services.demo_service import demo_store_path, open_demo_store
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.mapping_service import MappingService
from ordinavo_desk.services.match_service import run_match
from ordinavo_desk.services.profile_service import ConnectOutcome, ProfileService, TestOutcome
from ordinavo_desk.services.sync_service import (
    DEFAULT_PAGE_SIZE,
    PullInterruptedError,
    PullProgress,
    PullSummary,
    SyncService,
)
from ordinavo_desk.store.database import Store, display_url, resolve_url
from ordinavo_desk.store.migrate import upgrade_to_head
from ordinavo_desk.store.types import utcnow

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
#: The server refused the key (401): it is wrong, revoked or expired.
EXIT_KEY_REFUSED = 3
#: The key may not do this (403): a scope is missing.
EXIT_FORBIDDEN = 4
#: No usable answer: unreachable, timed out, or the server failed after the retries.
EXIT_UNREACHABLE = 5


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
    connect = profile_commands.add_parser(
        "connect",
        help=_("connect a profile to a server: key into the keyring, settings from the server"),
    )
    connect.add_argument("name", metavar="NAME")
    connect.add_argument(
        "--url", required=True, metavar="URL", help=_("the server's Connect API base URL")
    )
    connect.add_argument(
        "--key-stdin",
        action="store_true",
        help=_("read the API key from standard input (for scripts) instead of asking"),
    )
    connect.add_argument("--use", action="store_true", help=_("make it the current profile"))
    connect.add_argument(
        "--timeout", type=float, metavar="SECONDS", help=_("how long to wait for the server")
    )
    test = profile_commands.add_parser(
        "test", help=_("check a profile's server and key: reachability, latency, scopes")
    )
    test.add_argument("name", nargs="?", metavar="NAME")
    test.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help=_("how long to wait for the server (default 10)"),
    )

    sync = commands.add_parser("sync", help=_("sync the store with the profile's server"))
    sync.add_argument(
        "--pull-only",
        action="store_true",
        help=_("pull reference data and review items; push nothing"),
    )
    sync.add_argument("--profile", metavar="NAME")
    sync.add_argument(
        "--page-size",
        type=int,
        default=DEFAULT_PAGE_SIZE,
        metavar="N",
        help=_("records per page (1 to 500)"),
    )
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
    if args.profile_command == "connect":
        return _run_profile_connect(args, service)
    if args.profile_command == "test":
        return _run_profile_test(args, service)
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


def _connect_failure(exc: ConnectError, url: str | None, timeout: float | None = None) -> int:
    """Print what went wrong talking to the server; answer the exit code."""
    where = url or _("the server")
    if isinstance(exc, AuthError):
        print(
            _("error: the server refused the API key (HTTP 401 {code}: {msg}).").format(
                code=exc.code, msg=exc.message
            ),
            file=sys.stderr,
        )
        print(
            _("  The key is wrong, revoked or expired: run 'profile connect' with a valid key."),
            file=sys.stderr,
        )
        return EXIT_KEY_REFUSED
    if isinstance(exc, ForbiddenError):
        scope = exc.required_scope
        reason = (
            _("the key lacks the scope {scope}").format(scope=scope)
            if scope
            else _("the key may not do this")
        )
        print(
            _("error: {reason} (HTTP 403 {code}).").format(reason=reason, code=exc.code),
            file=sys.stderr,
        )
        print(_("  Ask your Ordinavo administrator to grant it."), file=sys.stderr)
        return EXIT_FORBIDDEN
    if isinstance(exc, RequestTimeoutError):
        limit = _(" within {s:g} s").format(s=timeout) if timeout else ""
        print(
            _("error: no answer from {url}{limit} (timed out).").format(url=where, limit=limit),
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    if isinstance(exc, TransportError):
        print(_("error: cannot reach {url}: {msg}").format(url=where, msg=exc), file=sys.stderr)
        print(
            _("  Check the URL, the network and whether the server is running."),
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    if isinstance(exc, ApiError) and (exc.status >= 500 or exc.status in {408, 429}):
        print(
            _("error: the server could not answer: {msg}; try again later.").format(msg=exc),
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    print(_("error: {msg}").format(msg=exc), file=sys.stderr)
    return EXIT_FAILURE


def _read_key(args: argparse.Namespace) -> str:
    if args.key_stdin:
        line = sys.stdin.readline()
    else:
        line = getpass.getpass(_("API key for profile '{name}': ").format(name=args.name))
    key = line.strip()
    if not key:
        raise InputError(_("no API key was given"), field="API key")
    return key


def _run_profile_connect(args: argparse.Namespace, service: ProfileService) -> int:
    keys = ApiKeyStore()
    if keys.keyring_available:
        api_key: str | None = _read_key(args)
    else:
        print(
            _(
                "note: no keyring backend is available on this machine, so the API key "
                "cannot be stored securely (it is never written to a plain file)."
            ),
            file=sys.stderr,
        )
        print(
            _("  For scripted use, set {env} in the environment.").format(env=API_KEY_ENV),
            file=sys.stderr,
        )
        api_key = None
    try:
        outcome = service.connect(args.name, args.url, api_key, keys=keys, timeout=args.timeout)
    except ConnectError as exc:
        if isinstance(exc, KeyStoreError):
            raise
        code = _connect_failure(exc, args.url, args.timeout)
        print(_("  Nothing was stored."), file=sys.stderr)
        return code
    if args.use:
        service.use(outcome.profile.name)
    _print_connect(outcome)
    return EXIT_OK


def _print_connect(outcome: ConnectOutcome) -> None:
    profile = outcome.profile
    verb = _("created profile") if outcome.created else _("updated profile")
    print(
        _("{verb} '{name}': connected to {url} ({ms:.0f} ms)").format(
            verb=verb, name=profile.name, url=profile.base_url, ms=outcome.latency_ms
        )
    )
    if outcome.key_source is KeySource.KEYRING:
        print(
            _("  API key {key} stored in the system keyring (not in the store)").format(
                key=outcome.masked_key
            )
        )
    else:
        print(
            _("  API key {key} taken from {env}; it is not stored").format(
                key=outcome.masked_key, env=API_KEY_ENV
            )
        )
    if not outcome.server_described:
        print(
            _(
                "  the server names no tenant, scopes or settings (no review extension): "
                "the profile keeps its own values"
            )
        )
    elif outcome.created:
        print(_("  set from the server:"))
    else:
        print(_("  set from the server (the server's values win; * changed):"))
    width = max((len(c.field) for c in outcome.set_values), default=10)
    changed = set() if outcome.created else {c.field for c in outcome.changes}
    for value in outcome.set_values:
        if not outcome.server_described and value.field != "server":
            continue
        mark = "*" if value.field in changed else " "
        was = (
            _("  (was: {v})").format(v=value.before)
            if value.field in changed and value.before is not None
            else ""
        )
        print(f"  {mark} {value.field:<{width}}  {value.after}{was}")
    if outcome.created:
        pass
    elif outcome.changes:
        names = ", ".join(c.field for c in outcome.changes)
        print(_("  changed: {names}").format(names=names))
    else:
        print(_("  nothing changed"))
    if outcome.unknown_scopes:
        print(
            _("  scopes this desk does not know (ignored): {s}").format(
                s=", ".join(outcome.unknown_scopes)
            )
        )


def _age(when: datetime | None) -> str:
    if when is None:
        return _("never")
    seconds = max(0.0, (utcnow() - when).total_seconds())
    if seconds < 120:
        ago = _("{n:.0f} s ago").format(n=seconds)
    elif seconds < 7200:
        ago = _("{n:.0f} min ago").format(n=seconds / 60)
    elif seconds < 172800:
        ago = _("{n:.0f} h ago").format(n=seconds / 3600)
    else:
        ago = _("{n:.0f} days ago").format(n=seconds / 86400)
    return f"{when:%Y-%m-%d %H:%M} UTC ({ago})"


def _run_profile_test(args: argparse.Namespace, service: ProfileService) -> int:
    profile = service.get(args.name)
    try:
        outcome = service.test(profile.name, keys=ApiKeyStore(), timeout=args.timeout)
    except KeyStoreError:
        raise
    except ConnectError as exc:
        return _connect_failure(exc, profile.base_url, args.timeout)
    _print_test(outcome)
    return EXIT_OK


def _print_test(outcome: TestOutcome) -> None:
    profile, health = outcome.profile, outcome.health
    print(
        _("profile '{name}': {url} is reachable ({ms:.0f} ms, status {status})").format(
            name=profile.name, url=profile.base_url, ms=outcome.latency_ms, status=health.status
        )
    )
    source = _("system keyring") if outcome.key_source is KeySource.KEYRING else API_KEY_ENV
    print(
        _("  API key:        {key} (from {source})").format(key=outcome.masked_key, source=source)
    )
    if health.tenant:
        print(
            _("  key's tenant:   {t}, source system {s}").format(
                t=health.tenant, s=health.source_system or "-"
            )
        )
        print(_("  extensions:     {e}").format(e=", ".join(health.extensions) or _("none")))
    else:
        print(
            _(
                "  the server names no tenant or scopes (no review extension): the scopes "
                "below are the profile's, not checked by the server"
            )
        )
    granted = [c for c in outcome.capabilities if c.granted and c.used_by_desk]
    missing = [c for c in outcome.capabilities if not c.granted and c.used_by_desk]
    print(_("  the key may:"))
    for cap in granted:
        print(f"    + {cap.scope:<28} {cap.allows}")
        print(f"      {'':<28} {', '.join(cap.operations)}")
    if not granted:
        print(_("    (nothing the desk uses)"))
    print(_("  the key may not:"))
    for cap in missing:
        print(f"    - {cap.scope:<28} {cap.without}")
    if not missing:
        print(_("    (nothing the desk uses is missing)"))
    others = [c.scope for c in outcome.capabilities if c.granted and not c.used_by_desk]
    if others:
        print(_("  also granted (not used by the desk): {s}").format(s=", ".join(others)))
    if outcome.unknown_scopes:
        print(_("  unknown scopes: {s}").format(s=", ".join(outcome.unknown_scopes)))
    if outcome.drift:
        names = ", ".join(c.field for c in outcome.drift)
        print(
            _(
                "  the server's values differ from the profile's ({names}): run "
                "'profile connect {name} --url {url}' to take them over"
            ).format(names=names, name=profile.name, url=profile.base_url)
        )
    state = outcome.sync_state
    print(_("  reference data: {age}").format(age=_age(state.reference_pulled_at)))
    print(_("  review items:   {age}").format(age=_age(state.items_pulled_at)))


class _PullProgressView:
    """Pull progress on stderr: one updating line on a terminal, plain lines otherwise."""

    def __init__(self, tty: bool) -> None:
        self._tty = tty
        self._phase: str | None = None

    def _text(self, step: PullProgress) -> str:
        if step.phase == "reference":
            return _("reference data: {n:,} customer(s), {p} page(s)").format(
                n=step.done, p=step.pages
            )
        return _("review items: {n:,} item(s), {p} page(s)").format(n=step.done, p=step.pages)

    def __call__(self, step: PullProgress) -> None:
        text = self._text(step)
        if not self._tty:
            print(text, file=sys.stderr, flush=True)
            return
        if self._phase is not None and self._phase != step.phase:
            print(file=sys.stderr)
        self._phase = step.phase
        spinner = "|/-\\"[step.pages % 4]
        print(f"\r{spinner} {text}\033[K", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._tty and self._phase is not None:
            print(file=sys.stderr, flush=True)
        self._phase = None


def _print_pull(summary: PullSummary, out: TextIO) -> None:
    ref, items = summary.reference, summary.items
    if ref.skipped:
        print(
            _("  reference data: not pulled (the key lacks {scope})").format(scope=ref.skipped),
            file=out,
        )
    else:
        print(
            _(
                "  reference data: {c:,} customer(s) changed ({l:,} location(s), "
                "{k:,} contact(s)) in {p} page(s){restart}"
            ).format(
                c=ref.customers,
                l=ref.locations,
                k=ref.contacts,
                p=ref.pages,
                restart=_("; the stored cursor was refused, read from the start")
                if ref.restarted
                else "",
            ),
            file=out,
        )
        if ref.completed_at is not None:
            print(_("  reference data is as of {at}").format(at=_age(ref.completed_at)), file=out)
    if items.skipped:
        print(
            _("  review items: not pulled (the key lacks {scope})").format(scope=items.skipped),
            file=out,
        )
        return
    print(
        _(
            "  review items: {seen:,} in the queue{resumed}: {fetched:,} fetched "
            "({created:,} new, {updated:,} changed), {unchanged:,} unchanged"
        ).format(
            seen=items.seen,
            resumed=_(" (went on where the last pull stopped)") if items.resumed else "",
            fetched=items.fetched,
            created=items.created,
            updated=items.updated,
            unchanged=items.unchanged,
        ),
        file=out,
    )
    if items.ranked_by_desk:
        print(
            _(
                "  candidates ranked by the desk for {n:,} item(s): the key lacks "
                "customers.read, so the server sent none"
            ).format(n=items.ranked_by_desk),
            file=out,
        )
    if items.kept_local:
        shown = ", ".join(items.kept_local[:10])
        more = (
            _(" and {n} more").format(n=len(items.kept_local) - 10)
            if len(items.kept_local) > 10
            else ""
        )
        print(
            _(
                "  kept as they are: {n} item(s) with a local decision not pushed yet: {ids}{more}"
            ).format(n=len(items.kept_local), ids=shown, more=more),
            file=out,
        )


def _run_sync(args: argparse.Namespace, store: Store) -> int:
    if not args.pull_only:
        print(
            _("error: pushing decisions is not available yet; use 'sync --pull-only'"),
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not 1 <= args.page_size <= 500:
        raise InputError(_("must lie in 1..500"), field="--page-size")
    profile = ProfileService(store).get(args.profile)
    if not profile.base_url:
        raise InputError(
            _("profile '{name}' has no server; run 'profile connect {name} --url URL'").format(
                name=profile.name
            ),
            field="profile",
        )
    key = ApiKeyStore().load(profile.name)
    view = _PullProgressView(sys.stderr.isatty())
    try:
        with open_client(profile.base_url, key.value) as client:
            summary = SyncService(store).pull(
                profile, client, progress=view, page_size=args.page_size
            )
    except PullInterruptedError as exc:
        view.close()
        code = _connect_failure(exc.cause, profile.base_url)
        print(
            _("  the {phase} pull stopped; what was pulled before is stored:").format(
                phase=exc.phase
            ),
            file=sys.stderr,
        )
        _print_pull(exc.summary, sys.stderr)
        if code == EXIT_UNREACHABLE:
            print(
                _("  run 'sync --pull-only' again to go on from where it stopped"),
                file=sys.stderr,
            )
        return code
    finally:
        view.close()
    print(
        _("pulled profile '{name}' (tenant {tenant}) from {url} in {s:.1f} s").format(
            name=profile.name, tenant=profile.tenant, url=profile.base_url, s=summary.seconds
        )
    )
    _print_pull(summary, sys.stdout)
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
            if args.command == "sync":
                return _run_sync(args, store)
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
