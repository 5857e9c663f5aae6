"""``wipe`` (all local data of a profile) and ``retention`` (how long personal data of
decided items is kept, and purging it now)."""

from __future__ import annotations

import argparse
import sys

from ordinavo_desk.cli.exit_codes import EXIT_OK, EXIT_USAGE
from ordinavo_desk.connect.keys import ApiKeyStore
from ordinavo_desk.i18n import _
from ordinavo_desk.services.privacy_service import PrivacyService
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.database import Store


def run_wipe(args: argparse.Namespace, store: Store) -> int:
    profile = ProfileService(store).get(args.profile)
    if not args.yes:
        print(
            _(
                "error: this removes every item, decision and outbox entry of profile "
                "'{name}', the profile and its API key, and the tenant's reference data and "
                "audit trail when no other profile uses them; add --yes to go ahead"
            ).format(name=profile.name),
            file=sys.stderr,
        )
        return EXIT_USAGE
    summary = PrivacyService(store).wipe(profile, force=args.force)
    key_removed = ApiKeyStore().delete(profile.name)
    print(
        _("wiped profile '{name}': {items:,} item(s), {decisions:,} decision(s){ref}{key}").format(
            name=summary.profile,
            items=summary.items,
            decisions=summary.decisions,
            ref=_(", the tenant's reference data and audit trail")
            if summary.reference_removed
            else "",
            key=_(", its API key") if key_removed else "",
        )
    )
    return EXIT_OK


def run_retention(args: argparse.Namespace, store: Store) -> int:
    privacy = PrivacyService(store)
    if args.days is not None:
        privacy.set_retention_days(args.days)
    days = privacy.retention_days()
    print(
        _(
            "personal data of items decided (and sent) more than {days} day(s) ago is cleared "
            "at every sync"
        ).format(days=days)
    )
    if args.purge_now:
        profile = ProfileService(store).get(args.profile)
        summary = privacy.purge(profile)
        print(
            _("cleared the personal data of {n:,} item(s) of profile '{name}'").format(
                n=summary.items, name=profile.name
            )
        )
    return EXIT_OK
