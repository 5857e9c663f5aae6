"""``decide`` (one decision, for scripted use) and ``status`` (what waits, what needs a
person, how old the reference data is)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ordinavo_desk.cli.exit_codes import EXIT_OK
from ordinavo_desk.cli.profile_commands import age
from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.decisions import RecordedDecision
from ordinavo_desk.domain.enums import DecisionKind, RejectReason
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.i18n import _
from ordinavo_desk.services.export_service import ExportFormat, export_mappings
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.services.status_service import desk_status
from ordinavo_desk.store.database import Store

_DTOS = ("customer", "location", "contact")


def _chosen(text: str) -> dict[str, int]:
    """``CUSTOMER[/LOCATION[/CONTACT]]``; an empty part skips it (``12//56``)."""
    parts = text.split("/")
    if len(parts) > 3 or not parts[0]:
        raise InputError(_("expected CUSTOMER[/LOCATION[/CONTACT]], got '{t}'").format(t=text),
                         field="--choose")  # fmt: skip
    chosen: dict[str, int] = {}
    for name, part in zip(("customerId", "locationId", "contactId"), parts, strict=False):
        if not part:
            continue
        if not part.isdigit():
            raise InputError(_("'{p}' is not a record id").format(p=part), field="--choose")
        chosen[name] = int(part)
    return chosen


def _corrections(pairs: list[str]) -> dict[str, dict[str, Any]]:
    """``--correct location.street=Hachestraße 12`` (an empty value clears the field)."""
    corrections: dict[str, dict[str, Any]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        dto, dot, field = name.strip().partition(".")
        if not sep or not dot or dto not in _DTOS or not field:
            raise InputError(
                _("expected DTO.FIELD=VALUE with DTO one of customer, location, contact; "
                  "got '{p}'").format(p=pair),
                field="--correct",
            )  # fmt: skip
        corrections.setdefault(dto, {})[field] = value if value != "" else None
    return corrections


def _request(args: argparse.Namespace) -> DecisionRequest:
    body: dict[str, Any] = {}
    if args.confirm:
        body["kind"] = DecisionKind.CONFIRM
    elif args.choose is not None:
        body = {"kind": DecisionKind.CHOOSE, **_chosen(args.choose),
                "newLocation": args.new_location, "newContact": args.new_contact}  # fmt: skip
    elif args.create_new:
        body["kind"] = DecisionKind.CREATE_NEW
    elif args.reject is not None:
        try:
            reason = RejectReason(args.reject)
        except ValueError:
            raise InputError(
                _("'{c}' is not a reason code (one of {codes})").format(
                    c=args.reject, codes=", ".join(r.value for r in RejectReason)
                ),
                field="--reject",
            ) from None
        body = {"kind": DecisionKind.REJECT, "reasonCode": reason, "reasonText": args.reason}
    else:
        body = {"kind": DecisionKind.DEFER, "note": args.note}
        if args.until is not None:
            try:
                body["deferUntil"] = date.fromisoformat(args.until)
            except ValueError:
                raise InputError(_("expected a date like 2026-12-24"), field="--until") from None
    if args.correct:
        body["corrections"] = _corrections(args.correct)
    try:
        return DecisionRequest.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(str(first["msg"]), field="decision") from None


def _links(links: dict[str, int | None]) -> str:
    parts = [
        _("{what} {id}").format(what=what, id=links[key])
        for key, what in (("customerId", _("customer")), ("locationId", _("location")),
                          ("contactId", _("contact")))
        if links.get(key) is not None
    ]  # fmt: skip
    return ", ".join(parts) if parts else _("nothing linked")


def print_decision(decision: RecordedDecision) -> None:
    way = {
        "local": _("kept in this store (export it)"),
        "pending": _("waits to be pushed"),
        None: _("nothing to push"),
    }.get(decision.outbox_state, decision.outbox_state or "")
    created = decision.payload.get("created") or {}
    new = sum(len(ids) for ids in created.values())
    print(
        _("{item}: {kind} by {author}: {links}{new}; {state} ({way})").format(
            item=decision.item_external_id,
            kind=decision.kind,
            author=decision.author,
            links=_links(decision.links_after),
            new=_(", {n} new record(s)").format(n=new) if new else "",
            state=decision.review_state_after,
            way=way,
        )
    )


def run_decide(args: argparse.Namespace, store: Store) -> int:
    profile = ProfileService(store).get(args.profile)
    review = ReviewService(store, author=args.author)
    item_id = review.find_item(profile, args.item)
    if args.revert:
        decision = review.undo(profile, item_id)
    else:
        decision = review.decide(profile, item_id, _request(args))
    if args.json:
        print(json.dumps(decision.model_dump(mode="json", by_alias=True), ensure_ascii=False))
    else:
        print_decision(decision)
    return EXIT_OK


def run_status(args: argparse.Namespace, store: Store) -> int:
    profile = ProfileService(store).get(args.profile)
    status = desk_status(store, profile)
    print(_("profile '{name}' (tenant {tenant}), server: {url}").format(
        name=status.profile, tenant=status.tenant,
        url=status.base_url or _("none (local store; export decisions)")))  # fmt: skip
    print(_("  items: {open:,} to review, {done:,} reviewed").format(
        open=status.open_items, done=status.decided_items))  # fmt: skip
    print(_("  decisions: {w:,} waiting to be pushed, {s:,} sent, {c:,} conflict(s), "
            "{r:,} rejected, {h:,} held").format(w=status.waiting, s=status.sent,
                                                 c=status.conflicts, r=status.rejected,
                                                 h=status.held))  # fmt: skip
    if status.base_url:
        print(_("  reference data as of: {at}").format(at=age(status.reference_pulled_at)))
        print(_("  last pull of review items: {at}").format(at=age(status.items_pulled_at)))
    if status.attention:
        print(_("  need a person:"))
        for decision in status.attention:
            print(_("    {item}: {kind} ({state}): {why}").format(
                item=decision.item_external_id, kind=decision.kind,
                state=decision.outbox_state, why=decision.last_error or ""))  # fmt: skip
    return EXIT_OK


def run_export(args: argparse.Namespace, store: Store) -> int:
    profile = ProfileService(store).get(args.profile)
    result = export_mappings(store, profile, ExportFormat(args.format))
    if args.out is None:
        sys.stdout.write(result.text)
    else:
        write_atomically(args.out, result.text)
    print(
        _("exported {n:,} confirmed mapping(s) of profile '{name}'").format(
            n=result.exported, name=profile.name
        ),
        file=sys.stderr,
    )
    for external_id, why in result.left_out:
        print(_("  left out {item}: {why}").format(item=external_id, why=why), file=sys.stderr)
    return EXIT_OK


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then put it in place: a failed
    export never leaves half a file."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror}", field="--out") from None
