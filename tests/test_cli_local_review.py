"""Local-store mode on the command line: items from files, mapped, decided, exported as
Connect upserts, CSV and JSON; no server anywhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ordinavo_desk.cli import EXIT_OK, EXIT_USAGE, main
from ordinavo_desk.domain.connect import TargetBatch
from ordinavo_desk.services.demo_service import demo_world
from tests.services.review_harness import AMBIGUOUS, MAPPED, SETTINGS, UNKNOWN


def _cli(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", db, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps(SETTINGS), encoding="utf-8")
    items = tmp_path / "items.jsonl"
    items.write_text("\n".join(json.dumps(t) for t in (AMBIGUOUS, UNKNOWN, MAPPED)), "utf-8")
    for args in (
        ("profile", "create", "office", "--settings", str(settings), "--use"),
        ("reference", "load", str(demo_world().reference)),
        ("import", str(items)),
    ):
        code, _out, err = _cli(capsys, url, *args)
        assert code == EXIT_OK, (args, err)
    return url


def test_decide_locally_and_export_every_format(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _cli(capsys, db, "decide", "JOB-AMB", "--choose", "11/41")
    assert code == EXIT_OK, err
    assert "kept in this store (export it)" in out
    code, out, err = _cli(
        capsys, db, "decide", "JOB-NEW", "--create-new",
        "--correct", "customer.name=Völlig Neue Firma GmbH & Co. KG",
        "--correct", "location.latitude=48.137", "--correct", "location.longitude=11.575",
    )  # fmt: skip
    assert code == EXIT_OK, err
    assert "3 new record(s)" in out
    code, out, err = _cli(capsys, db, "decide", "JOB-MAPPED", "--reject", "DuplicateJob")
    assert code == EXIT_OK, err
    code, out, _err = _cli(capsys, db, "status")
    assert "server: none (local store; export decisions)" in out
    assert "0 waiting to be pushed" in out

    upsert = tmp_path / "upsert.json"
    code, _out, err = _cli(capsys, db, "export", "--format", "connect-upsert", "--out", str(upsert))
    assert code == EXIT_OK, err
    assert "exported 2 confirmed mapping(s)" in err
    batch = TargetBatch.model_validate(json.loads(upsert.read_text("utf-8")))
    assert batch.source_system == "sap-erp" and batch.operation == "upsert"
    by_id = {t["externalId"]: t for t in batch.targets}
    assert sorted(by_id) == ["JOB-AMB", "JOB-NEW"]  # the rejected one is not a mapping
    assert by_id["JOB-AMB"]["customer"]["externalId"] == "ERP-SCHMITZ"  # now known as 11
    assert by_id["JOB-NEW"]["customer"]["name"] == "Völlig Neue Firma GmbH & Co. KG"
    assert by_id["JOB-NEW"]["location"]["latitude"] == pytest.approx(48.137)

    code, out, err = _cli(capsys, db, "export", "--format", "csv")
    assert code == EXIT_OK, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["itemExternalId"], r["decision"], r["customerId"]) for r in rows] == [
        ("JOB-AMB", "Choose", "11"), ("JOB-NEW", "CreateNew", rows[1]["customerId"]),
    ]  # fmt: skip
    assert rows[0]["customerExternalId"] == "ERP-SCHMITZ" and rows[0]["locationId"] == "41"
    code, out, err = _cli(capsys, db, "export", "--format", "json")
    assert [r["decision"] for r in json.loads(out)] == ["Choose", "CreateNew"]


def test_an_export_that_cannot_be_written_leaves_nothing_behind(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _cli(capsys, db, "decide", "JOB-AMB", "--confirm")
    target = tmp_path / "missing-dir" / "out.json"
    code, _out, err = _cli(capsys, db, "export", "--format", "json", "--out", str(target))
    assert code == EXIT_USAGE and "cannot write" in err
    assert not target.parent.exists()


def test_wipe_asks_first_then_removes_everything_of_the_profile(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _cli(capsys, db, "decide", "JOB-AMB", "--confirm")
    code, _out, err = _cli(capsys, db, "wipe")
    assert code == EXIT_USAGE and "add --yes" in err
    code, out, err = _cli(capsys, db, "wipe", "--yes")
    assert code == EXIT_OK, err
    assert "wiped profile 'office': 3 item(s), 1 decision(s)" in out
    code, out, _err = _cli(capsys, db, "profile", "list")
    assert "office" not in out


def test_retention_setting_and_purge(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _cli(capsys, db, "retention")
    assert code == EXIT_OK and "more than 90 day(s) ago" in out
    code, out, _err = _cli(capsys, db, "retention", "--days", "30", "--purge-now")
    assert code == EXIT_OK and "more than 30 day(s)" in out
    assert "cleared the personal data of 0 item(s)" in out
    code, _out, err = _cli(capsys, db, "retention", "--days", "0")
    assert code == EXIT_USAGE and "1..3650" in err
