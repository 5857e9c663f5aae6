"""The ``ordinavo-desk`` command: composes store, services and (only for a window) the UI.

Commands that render nothing never import Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from ordinavo_desk.cli.exit_codes import (
    EXIT_FAILURE,
    EXIT_FORBIDDEN,
    EXIT_KEY_REFUSED,
    EXIT_OK,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
)
from ordinavo_desk.cli.parser import build_parser
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


#: Commands that work on the opened store (without one, the window opens): the module
#: under ordinavo_desk.cli and the function, imported when the command runs (so that one
#: command does not load the code of all the others).
_STORE_COMMANDS: dict[str, tuple[str, str]] = {
    "remap": ("local_commands", "run_remap"),
    "import": ("local_commands", "run_import"),
    "reference": ("local_commands", "run_reference"),
    "profile": ("profile_commands", "run_profile"),
    "sync": ("sync_commands", "run_sync"),
    "decide": ("review_commands", "run_decide"),
    "status": ("review_commands", "run_status"),
    "export": ("review_commands", "run_export"),
    "wipe": ("privacy_commands", "run_wipe"),
    "retention": ("privacy_commands", "run_retention"),
}


def _command(module: str, name: str) -> Callable[..., int]:
    found: Callable[..., int] = getattr(import_module(f"ordinavo_desk.cli.{module}"), name)
    return found


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
            return _command("local_commands", "run_match_command")(args)
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
            return _command("window_commands", "run_demo")(args)
        store = Store(url)
        try:
            where = _STORE_COMMANDS.get(args.command)
            if where is None:
                return _command("window_commands", "open_window")(store)
            return _command(*where)(args, store)
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
