"""The command line: commands, options and their help."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ordinavo_desk import __version__
from ordinavo_desk.domain.enums import Scope, Strategy, parse_scope
from ordinavo_desk.i18n import _
from ordinavo_desk.services.sync_defaults import DEFAULT_PAGE_SIZE


def _unknown(what: str, value: str, choices: Iterable[str]) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(
        _("unknown {what} '{value}' (choose from {choices})").format(
            what=what, value=value, choices=", ".join(choices)
        )
    )


def strategy(value: str) -> Strategy:
    try:
        return Strategy(value)
    except ValueError:
        raise _unknown(_("strategy"), value, (s.value for s in Strategy)) from None


def scope(value: str) -> Scope:
    try:
        return parse_scope(value)
    except ValueError:
        raise _unknown(_("scope"), value, (s.value for s in Scope)) from None


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
    demo.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help=_("render the window offscreen to a PNG file and exit"),
    )
    demo.add_argument(
        "--item", metavar="ID", help=_("with --screenshot: the item to show (external ID or id)")
    )
    demo.add_argument(
        "--size", default="1500x900", metavar="WxH", help=_("with --screenshot: window size")
    )
    demo.add_argument(
        "--language",
        choices=("en", "de"),
        default="en",
        help=_("with --screenshot: the window's language"),
    )
    demo.add_argument(
        "--theme",
        choices=("light", "dark"),
        default="light",
        help=_("with --screenshot: light or dark"),
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
    create.add_argument("--strategy", type=strategy, metavar="X")
    create.add_argument("--scope", type=scope, action="append", default=[], metavar="S")
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

    sync = commands.add_parser(
        "sync", help=_("push waiting decisions, then pull from the profile's server")
    )
    only = sync.add_mutually_exclusive_group()
    only.add_argument(
        "--pull-only",
        action="store_true",
        help=_("pull reference data and review items; push nothing"),
    )
    only.add_argument(
        "--push-only", action="store_true", help=_("push waiting decisions; pull nothing")
    )
    sync.add_argument("--profile", metavar="NAME")
    sync.add_argument(
        "--page-size",
        type=int,
        default=DEFAULT_PAGE_SIZE,
        metavar="N",
        help=_("records per page (1 to 500)"),
    )
    _add_review_commands(commands)
    return parser


def _add_review_commands(commands: Any) -> None:
    decide = commands.add_parser(
        "decide", help=_("record a decision on an item (pushed by the next sync)")
    )
    decide.add_argument("item", metavar="ITEM", help=_("the item's external ID (or local id)"))
    kinds = decide.add_mutually_exclusive_group(required=True)
    kinds.add_argument("--confirm", action="store_true", help=_("accept the proposed links"))
    kinds.add_argument(
        "--choose",
        metavar="CUSTOMER[/LOCATION[/CONTACT]]",
        help=_("link these records instead"),
    )
    kinds.add_argument(
        "--create-new", action="store_true", help=_("create the customer from the item")
    )
    kinds.add_argument(
        "--reject", metavar="CODE", help=_("NotOurCustomer, DuplicateJob, BadData or Other")
    )
    kinds.add_argument("--defer", action="store_true", help=_("put the item aside"))
    kinds.add_argument("--revert", action="store_true", help=_("undo the latest decision"))
    decide.add_argument(
        "--new-location", action="store_true", help=_("with --choose: create the location")
    )
    decide.add_argument(
        "--new-contact", action="store_true", help=_("with --choose: create the contact")
    )
    decide.add_argument(
        "--correct",
        action="append",
        default=[],
        metavar="DTO.FIELD=VALUE",
        help=_("correct a field of the item first (repeatable), e.g. customer.name=Foo GmbH"),
    )
    decide.add_argument("--reason", metavar="TEXT", help=_("with --reject: the reason"))
    decide.add_argument("--until", metavar="DATE", help=_("with --defer: until when"))
    decide.add_argument("--note", metavar="TEXT", help=_("with --defer: a note"))
    decide.add_argument("--author", metavar="NAME", help=_("who decides (default: OS user)"))
    decide.add_argument("--profile", metavar="NAME")
    decide.add_argument("--json", action="store_true", help=_("print the decision as JSON"))

    export = commands.add_parser(
        "export", help=_("export confirmed mappings (Connect upsert payloads, CSV or JSON)")
    )
    export.add_argument(
        "--format",
        required=True,
        choices=["connect-upsert", "csv", "json"],
        help=_("connect-upsert: a batch ready to POST to /inbound/targets/batch"),
    )
    export.add_argument("--out", type=Path, metavar="FILE", help=_("default: standard output"))
    export.add_argument("--profile", metavar="NAME")

    wipe = commands.add_parser("wipe", help=_("remove all local data of a profile"))
    wipe.add_argument("--profile", metavar="NAME")
    wipe.add_argument("--yes", action="store_true", help=_("yes, remove it"))
    wipe.add_argument(
        "--force", action="store_true", help=_("also when decisions have not been sent")
    )

    retention = commands.add_parser(
        "retention", help=_("how long personal data of decided items is kept")
    )
    retention.add_argument("--days", type=int, metavar="N", help=_("keep it N days"))
    retention.add_argument(
        "--purge-now", action="store_true", help=_("clear what is older now (current profile)")
    )
    retention.add_argument("--profile", metavar="NAME")

    status = commands.add_parser(
        "status", help=_("what waits to be pushed, conflicts, age of the reference data")
    )
    status.add_argument("--profile", metavar="NAME")
