"""``sync``: push the waiting decisions, then pull from the profile's server, with
progress and a summary."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ordinavo_desk.cli.exit_codes import (
    EXIT_OK,
    EXIT_UNREACHABLE,
)
from ordinavo_desk.cli.profile_commands import age, connect_failure
from ordinavo_desk.connect.client import ConnectClient
from ordinavo_desk.connect.keys import ApiKeyStore
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.i18n import _
from ordinavo_desk.services.connection import open_client
from ordinavo_desk.services.privacy_service import PrivacyService
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.push_service import (
    PushProgress,
    PushService,
    PushStoppedError,
    PushSummary,
)
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


class PushProgressView:
    """A progress bar on a terminal (``[#####-----] 37 of 120``), nothing otherwise."""

    def __init__(self, tty: bool) -> None:
        self._tty = tty
        self._shown = False

    def __call__(self, step: PushProgress) -> None:
        if not self._tty or step.total <= 0:
            return
        width = 30
        filled = min(width, width * step.done // step.total)
        bar = "#" * filled + "-" * (width - filled)
        text = _("pushing decisions [{bar}] {done:,} of {total:,}").format(
            bar=bar, done=step.done, total=step.total
        )
        print(f"\r{text}\033[K", end="", file=sys.stderr, flush=True)
        self._shown = True

    def close(self) -> None:
        if self._shown:
            print(file=sys.stderr, flush=True)
        self._shown = False


def print_push(summary: PushSummary, out: TextIO) -> None:
    print(
        _(
            "  decisions: {sent:,} sent, {conflicts:,} conflict(s), {rejected:,} rejected, "
            "{held:,} held, {retrying:,} still waiting"
        ).format(
            sent=summary.sent,
            conflicts=summary.conflicts,
            rejected=summary.rejected,
            held=summary.held,
            retrying=summary.retrying,
        ),
        file=out,
    )
    if summary.stopped:
        print(_("  the push stopped: {why}").format(why=summary.stopped), file=out)
    if summary.conflicts or summary.rejected or summary.held:
        print(_("  see 'ordinavo-desk status' for the decisions that need a person"), file=out)


def _push(store: Store, profile: Profile, client: ConnectClient) -> int:
    view = PushProgressView(sys.stderr.isatty())
    try:
        summary = PushService(store).push(profile, client, progress=view)
    except PushStoppedError as exc:
        view.close()
        code = connect_failure(exc.cause, profile.base_url)
        print_push(exc.summary, sys.stderr)
        return code
    finally:
        view.close()
    print(
        _("pushed profile '{name}' (tenant {tenant}) to {url} in {s:.1f} s").format(
            name=profile.name, tenant=profile.tenant, url=profile.base_url, s=summary.seconds
        )
    )
    print_push(summary, sys.stdout)
    if summary.stopped:
        print(_("  run 'sync' again when the server is back; nothing was lost"), file=sys.stderr)
        return EXIT_UNREACHABLE
    return EXIT_OK


def _pull(store: Store, profile: Profile, client: ConnectClient, page_size: int) -> int:
    assert profile.base_url is not None
    view = PullProgressView(sys.stderr.isatty())
    try:
        summary = SyncService(store).pull(profile, client, progress=view, page_size=page_size)
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


def run_sync(args: argparse.Namespace, store: Store) -> int:
    """Push the waiting decisions, then pull (or only one of them)."""
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
    with open_client(profile.base_url, key.value) as client:
        code = EXIT_OK
        if not args.pull_only:
            code = _push(store, profile, client)
        if code == EXIT_OK and not args.push_only:
            code = _pull(store, profile, client, args.page_size)
    purged = PrivacyService(store).purge(profile)
    if purged.items:
        print(
            _("  personal data cleared from {n:,} item(s) decided more than {d} day(s) ago").format(
                n=purged.items, d=purged.days
            )
        )
    return code
