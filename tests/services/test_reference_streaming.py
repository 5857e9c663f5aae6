"""Reference files read customer by customer into the index (``match``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.services.match_service import load_reference_index
from ordinavo_desk.services.payload_files import iter_reference


def customer(cid: int, **extra: Any) -> dict[str, Any]:
    return {"id": cid, "name": f"Kunde {cid} GmbH", **extra}


def write_lines(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_json_lines_and_whole_documents_give_the_same_customers(tmp_path: Path) -> None:
    rows = [customer(1), customer(2, tenant="globex"), customer(3)]
    lines = write_lines(tmp_path / "ref.jsonl", rows)
    whole = tmp_path / "ref.json"
    whole.write_text(json.dumps({"customers": rows}, indent=2), encoding="utf-8")
    from_lines = list(iter_reference(lines, "acme"))
    from_whole = list(iter_reference(whole, "acme"))
    assert [(p.customer.id, p.tenant) for p in from_lines] == [
        (1, "acme"),
        (2, "globex"),
        (3, "acme"),
    ]
    assert [(p.customer, p.tenant) for p in from_lines] == [
        (p.customer, p.tenant) for p in from_whole
    ]
    assert [p.line for p in from_lines] == [1, 2, 3]
    assert [p.prefix for p in from_whole] == ["customers[0]", "customers[1]", "customers[2]"]


def test_a_byte_order_mark_and_blank_lines_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "ref.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(customer(1)).encode() + b"\n\n")
    assert [p.customer.id for p in iter_reference(path, "acme")] == [1]


@pytest.mark.parametrize(
    ("rows", "line", "field", "message"),
    [
        ([customer(1), customer(1)], 2, "id", "duplicate customer id 1"),
        (
            [
                customer(1, locations=[{"id": 5}]),
                customer(2, locations=[{"id": 6}, {"id": 5}]),
            ],
            2,
            "locations[1].id",
            "duplicate location id 5",
        ),
        (
            [
                customer(1, externalRefs=[{"sourceSystem": "sap", "externalId": "X"}]),
                customer(2, externalRefs=[{"sourceSystem": "sap", "externalId": " X "}]),
            ],
            2,
            None,
            "duplicate external reference",
        ),
        (
            [customer(1), customer(2, contacts=[{"id": 9, "locationId": 77}])],
            2,
            "contacts[0].locationId",
            "not a location of customer 2",
        ),
        ([customer(1), {"id": "zwei"}], 2, "id", None),
    ],
)
def test_bad_customers_name_file_line_and_field(
    tmp_path: Path, rows: list[Any], line: int, field: str | None, message: str | None
) -> None:
    path = write_lines(tmp_path / "ref.jsonl", rows)
    with pytest.raises(InputError) as info:
        load_reference_index(path, "acme")
    error = info.value
    assert (error.file, error.line, error.field) == (str(path), line, field)
    if message is not None:
        assert message in error.message


def test_a_reference_shared_across_tenants_is_fine(tmp_path: Path) -> None:
    ref = {"sourceSystem": "sap", "externalId": "C-1"}
    path = write_lines(
        tmp_path / "ref.jsonl",
        [customer(1, externalRefs=[ref]), customer(2, tenant="globex", externalRefs=[ref])],
    )
    index, count = load_reference_index(path, "acme")
    assert count == 2
    assert index.tenant("acme").customer(1) is not None
    assert index.tenant("globex").customer(2) is not None


def test_a_broken_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "ref.jsonl"
    path.write_text(json.dumps(customer(1)) + '\n{"id": 2, "name": \n', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON") as info:
        list(iter_reference(path, "acme"))
    assert info.value.line == 2


def test_text_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "ref.jsonl"
    path.write_bytes(json.dumps(customer(1)).encode() + b'\n{"id": 2, "name": "K\xfcnde"}\n')
    with pytest.raises(InputError, match="not UTF-8") as info:
        list(iter_reference(path, "acme"))
    assert info.value.line == 2


def test_a_missing_file_or_a_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found") as missing:
        list(iter_reference(tmp_path / "nope.jsonl", "acme"))
    assert missing.value.file == str(tmp_path / "nope.jsonl")
    with pytest.raises(InputError, match="is a directory"):
        list(iter_reference(tmp_path, "acme"))
