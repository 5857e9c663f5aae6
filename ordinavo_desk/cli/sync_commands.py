"""``sync``: pull from the profile's server, with progress."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ordinavo_desk.cli.exit_codes import (
    EXIT_OK,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
)
from ordinavo_desk.cli.profile_commands import age, connect_failure
from ordinavo_desk.connect.keys import ApiKeyStore
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.i18n import _
from ordinavo_desk.services.connection import open_client
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.sync_service import (
    PullInterruptedError,
    PullProgress,
    PullSummary,
    SyncService,
)
from ordinavo_desk.store.database import Store


class PullProgressView:
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


def print_pull(summary: PullSummary, out: TextIO) -> None:
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
            print(_("  reference data is as of {at}").format(at=age(ref.completed_at)), file=out)
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


def run_sync(args: argparse.Namespace, store: Store) -> int:
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
    view = PullProgressView(sys.stderr.isatty())
    try:
        with open_client(profile.base_url, key.value) as client:
            summary = SyncService(store).pull(
                profile, client, progress=view, page_size=args.page_size
            )
    except PullInterruptedError as exc:
        view.close()
        code = connect_failure(exc.cause, profile.base_url)
        print(
            _("  the {phase} pull stopped; what was pulled before is stored:").format(
                phase=exc.phase
            ),
            file=sys.stderr,
        )
        print_pull(exc.summary, sys.stderr)
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
    print_pull(summary, sys.stdout)
    return EXIT_OK
