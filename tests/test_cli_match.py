"""``ordinavo-desk match`` and ``remap`` as real processes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run

REFERENCE = {
    "customers": [
        {
            "id": 12, "tenant": "acme", "customerNumber": "RRM-001",
            "name": "Rhein-Ruhr Medical Supply", "status": "Active",
            "externalRefs": [{"sourceSystem": "sap-erp", "externalId": "CUST-10042"}],
            "locations": [{
                "id": 34, "name": "Essen Center", "street": "Hachestrasse 12",
                "postalCode": "45127", "city": "Essen", "country": "DE",
                "latitude": 51.451, "longitude": 7.012,
                "externalRefs": [{"sourceSystem": "sap-erp", "externalId": "LOC-ESSEN-01"}]}],
            "contacts": [{
                "id": 56, "locationId": 34, "displayName": "Anna Weber",
                "externalRefs": [{"sourceSystem": "sap-erp", "externalId": "CONT-44"}]}],
        }
    ]
}  # fmt: skip
ITEM = {
    "externalId": "JOB-2026-000918",
    "customer": {"externalId": "CUST-10042"},
    "location": {"externalId": "LOC-ESSEN-01", "street": "Hachestrasse 12", "postalCode": "45127"},
    "contact": {"externalId": "CONT-44"},
}
EXPECTED = {
    "itemExternalId": "JOB-2026-000918", "status": "Mapped", "customerId": 12,
    "customerLocationId": 34, "customerContactId": 56, "warnings": [],
    "candidates": [{"customerId": 12, "customerLocationId": 34, "score": 1.0,
                    "outcome": "confident", "reasons": [{
                        "field": "customer.externalId", "incoming": "CUST-10042",
                        "stored": "CUST-10042", "comparison": "reference", "contribution": 1.0}]}],
    "explanation": ["customer.externalId CUST-10042 (sap-erp) → customer 12",
                    "location.externalId LOC-ESSEN-01 (sap-erp) → location 34 of customer 12",
                    "contact.externalId CONT-44 (sap-erp) → contact 56 at location 34"],
}  # fmt: skip


def _files(tmp_path: Path, items: str) -> list[str]:
    (tmp_path / "ref.json").write_text(json.dumps(REFERENCE), encoding="utf-8")
    (tmp_path / "items.jsonl").write_text(items, encoding="utf-8")
    (tmp_path / "s.json").write_text('{"tenant": "acme", "sourceSystem": "sap-erp"}')
    return ["match", "--reference", str(tmp_path / "ref.json"), "--items",
            str(tmp_path / "items.jsonl"), "--settings", str(tmp_path / "s.json")]  # fmt: skip


def test_match_writes_the_documented_result_line(tmp_path: Path) -> None:
    result = run(*_files(tmp_path, json.dumps(ITEM) + "\n"))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [EXPECTED]


def test_match_to_out_file_and_never_touches_the_store(tmp_path: Path) -> None:
    out = tmp_path / "out" / "results.jsonl"
    result = run(*_files(tmp_path, json.dumps(ITEM) + "\n"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == EXPECTED
    data_dir = tmp_path / "home" / "data" / "ordinavo-desk"
    assert not (data_dir / "desk.sqlite").exists()


def test_match_bad_item_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    out.write_text("earlier results\n", encoding="utf-8")
    items = json.dumps(ITEM) + "\n" + '{"externalId": "J2", "location": {"latitude": "north"}}\n'
    result = run(*_files(tmp_path, items), "--out", str(out))
    assert result.returncode == 2
    assert "items.jsonl, line 2, field location.latitude" in result.stderr
    assert out.read_text(encoding="utf-8") == "earlier results\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".results")) == []


def test_match_bad_settings_exits_2(tmp_path: Path) -> None:
    args = _files(tmp_path, json.dumps(ITEM) + "\n")
    (tmp_path / "s.json").write_text(
        '{"tenant": "acme", "sourceSystem": "sap-erp", "strategy": "X"}'
    )
    result = run(*args)
    assert result.returncode == 2 and "field strategy" in result.stderr


def test_remap_after_import(tmp_path: Path) -> None:
    args = _files(tmp_path, json.dumps(ITEM) + "\n")
    assert run("reference", "load", args[2]).returncode == 0
    assert run("import", args[4]).returncode == 0
    result = run("remap")
    assert result.returncode == 0, result.stderr
    assert "1 pending item(s) re-mapped with profile 'default': Mapped 1" in result.stdout
