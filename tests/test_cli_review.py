# ruff: noqa: F811  (the fixtures imported below are redefined as parameters)
"""``decide``, ``status`` and ``sync`` (push, then pull) on the command line, against the
sandbox on loopback with an in-memory keyring."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from ordinavo_desk.cli import EXIT_KEY_REFUSED, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE
from ordinavo_desk.sandbox.rows import DecisionRow
from tests.connect.test_keys import MemoryKeyring
from tests.sandbox.harness import FULL_KEY, Sandbox
from tests.services.sync_harness import ambiguous_items
from tests.test_cli_profile_connect import (  # noqa: F401  (fixtures)
    SERVICE,
    Cli,
    cli,
    sandbox,
    secrets,
    shared,
)


def _server_decisions(sandbox: Sandbox) -> list[str]:
    with sandbox.service.store.unit_of_work() as session:
        return [row.record["kind"] for row in session.scalars(select(DecisionRow))]


def _pulled(cli: Cli, sandbox: Sandbox, count: int) -> None:
    """``count`` ambiguous items on the server, pulled into the desk's current profile."""
    ambiguous_items(sandbox, FULL_KEY, "AMB", count)
    assert cli.connect("acme", sandbox.base_url, FULL_KEY)[0] == EXIT_OK
    assert cli("profile", "use", "acme")[0] == EXIT_OK
    code, _out, err = cli("sync", "--pull-only")
    assert code == EXIT_OK, err


def test_decide_offline_then_sync_pushes_and_status_tells(
    cli: Cli, sandbox: Sandbox, secrets: MemoryKeyring
) -> None:
    _pulled(cli, sandbox, 4)

    code, out, err = cli("decide", "AMB-0", "--confirm", "--author", "anna")
    assert code == EXIT_OK, err
    assert out.startswith("AMB-0: Confirm by anna: customer 14") and "waits to be pushed" in out
    code, out, err = cli("decide", "AMB-1", "--choose", "15/38", "--json")
    assert code == EXIT_OK, err
    assert json.loads(out)["linksAfter"] == {"customerId": 15, "locationId": 38, "contactId": None}
    code, out, err = cli("decide", "AMB-2", "--reject", "BadData", "--reason", "test data")
    assert code == EXIT_OK and "rejected" in out
    code, out, err = cli("decide", "AMB-3", "--defer", "--until", "2026-12-24", "--note", "later")
    assert code == EXIT_OK and "deferred" in out
    code, out, err = cli("decide", "AMB-3", "--create-new",
                         "--correct", "customer.name=Bäckerei Müller Süd")  # fmt: skip
    assert code == EXIT_OK and "3 new record(s)" not in out and "decided" in out

    code, out, _err = cli("status")
    assert "decisions: 5 waiting to be pushed, 0 sent" in out
    assert "items: 0 to review, 4 reviewed" in out

    code, out, err = cli("sync", "--push-only")
    assert code == EXIT_OK, err
    assert "decisions: 5 sent, 0 conflict(s), 0 rejected, 0 held, 0 still waiting" in out
    assert "pulled profile" not in out
    assert sorted(_server_decisions(sandbox)) == sorted(
        ["Confirm", "Choose", "Reject", "Defer", "CreateNew"]
    )
    code, out, _err = cli("decide", "AMB-0", "--revert")
    assert code == EXIT_OK and "Revert" in out and "waits to be pushed" in out
    code, out, err = cli("sync")  # push, then pull
    assert code == EXIT_OK, err
    assert "decisions: 1 sent" in out and "pulled profile 'acme'" in out
    code, out, _err = cli("status")
    assert "decisions: 0 waiting to be pushed, 6 sent" in out
    assert "items: 1 to review, 3 reviewed" in out  # AMB-0 is open again


def test_decide_says_clearly_what_is_wrong(
    cli: Cli, sandbox: Sandbox, secrets: MemoryKeyring
) -> None:
    _pulled(cli, sandbox, 1)
    cases = [
        (("decide", "NOPE", "--confirm"), "no item 'NOPE'"),
        (("decide", "AMB-0", "--reject", "Spam"), "'Spam' is not a reason code"),
        (("decide", "AMB-0", "--choose", "x/1"), "'x' is not a record id"),
        (("decide", "AMB-0", "--choose", "1/2/3/4"), "expected CUSTOMER[/LOCATION[/CONTACT]]"),
        (("decide", "AMB-0", "--choose", "999999"), "customer 999999 does not exist"),
        (("decide", "AMB-0", "--defer", "--until", "soon"), "expected a date"),
        (("decide", "AMB-0", "--create-new", "--correct", "name=X"), "expected DTO.FIELD=VALUE"),
        (("decide", "AMB-0", "--revert"), "has no decision to undo"),
    ]
    for args, message in cases:
        code, _out, err = cli(*args)
        assert code == EXIT_USAGE, (args, err)
        assert message in err, (args, err)
        assert "Traceback" not in err
    with pytest.raises(SystemExit):
        cli("decide", "AMB-0", "--confirm", "--defer")
    with pytest.raises(SystemExit):
        cli("sync", "--push-only", "--pull-only")
    code, out, _err = cli("status")
    assert "0 waiting to be pushed" in out  # nothing was written by the refused ones


def test_sync_push_offline_or_refused_keeps_everything(
    cli: Cli, sandbox: Sandbox, secrets: MemoryKeyring
) -> None:
    _pulled(cli, sandbox, 1)
    assert cli("decide", "AMB-0", "--confirm")[0] == EXIT_OK
    secrets.secrets[(SERVICE, "acme")] = "fio_test_revoked_9999"
    code, _out, err = cli("sync")
    assert code == EXIT_KEY_REFUSED and "refused the API key" in err
    assert "1 still waiting" in err
    secrets.secrets[(SERVICE, "acme")] = FULL_KEY
    sandbox.faults("error503=1.0,retryAfter=0")
    code, out, err = cli("sync", "--push-only")
    assert code == EXIT_UNREACHABLE and "nothing was lost" in err
    sandbox.faults("none")
    code, out, err = cli("sync", "--push-only")
    assert code == EXIT_OK and "1 sent" in out
