"""The ``ordinavo-desk`` command: composes store, services and (only for a window) the UI.

Commands that render nothing never import Qt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from ordinavo_desk.cli.exit_codes import (
    EXIT_FAILURE,
    EXIT_FORBIDDEN,
    EXIT_KEY_REFUSED,
    EXIT_OK,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
)
from ordinavo_desk.cli.local_commands import (
    open_window,
    run_demo,
    run_import,
    run_match_command,
    run_reference,
    run_remap,
)
from ordinavo_desk.cli.parser import build_parser
from ordinavo_desk.cli.privacy_commands import run_retention, run_wipe
from ordinavo_desk.cli.profile_commands import run_profile
from ordinavo_desk.cli.review_commands import run_decide, run_export, run_status
from ordinavo_desk.cli.sync_commands import run_sync
from ordinavo_desk.domain.errors import DeskError, InputError, NotFoundError, StoreError
from ordinavo_desk.i18n import _
from ordinavo_desk.services.data_key import DataKeySource, install_data_key
from ordinavo_desk.store.database import Store, display_url, resolve_url
from ordinavo_desk.store.migrate import upgrade_to_head

__all__ = [
    "EXIT_FAILURE",
    "EXIT_FORBIDDEN",
    "EXIT_KEY_REFUSED",
    "EXIT_OK",
    "EXIT_UNREACHABLE",
    "EXIT_USAGE",
    "build_parser",
    "main",
]


#: Commands that work on the opened store (without one, the window opens).
_STORE_COMMANDS: dict[str, Callable[[argparse.Namespace, Store], int]] = {
    "remap": run_remap,
    "import": run_import,
    "reference": run_reference,
    "profile": run_profile,
    "sync": run_sync,
    "decide": run_decide,
    "status": run_status,
    "export": run_export,
    "wipe": run_wipe,
    "retention": run_retention,
}


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
            return run_match_command(args)
        if args.command == "sandbox":
            from ordinavo_desk.sandbox.__main__ import main as sandbox_main  # noqa: PLC0415

            return sandbox_main(extra)
        key = install_data_key()
        if key.created and key.source is DataKeySource.FILE:
            print(
                _(
                    "note: no keyring is available; the key that encrypts personal data is "
                    "kept in {path}, readable only by you"
                ).format(path=key.path),
                file=sys.stderr,
            )
        if args.command == "demo":
            return run_demo(args)
        store = Store(url)
        try:
            command = _STORE_COMMANDS.get(args.command)
            return command(args, store) if command is not None else open_window(store)
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
