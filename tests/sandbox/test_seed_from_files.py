"""Seeding a sandbox data file from files: ``--reference``, ``--items``, ``--prepare-only``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ordinavo_desk.sandbox.__main__ import main
from ordinavo_desk.sandbox.reference_feed import customers_changed_since
from ordinavo_desk.sandbox.sandbox_store import SandboxStore
from ordinavo_desk.sandbox.seed import demo_reference, item_count, read_json_values


def test_json_documents_arrays_and_json_lines_are_read(tmp_path: Path) -> None:
    files = {
        "doc.json": json.dumps({"customers": [{"id": 1}, {"id": 2}]}),
        "pretty.json": json.dumps({"customers": [{"id": 1}, {"id": 2}]}, indent=2),
        "array.json": '[{"id": 1}, {"id": 2}]',
        "lines.jsonl": '{"id": 1}\n\n{"id": 2}\n',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert list(read_json_values(tmp_path / name, ("customers",))) == [{"id": 1}, {"id": 2}]


def test_prepare_only_loads_reference_and_maps_items_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = tmp_path / "reference.jsonl"
    reference.write_text(
        "\n".join(json.dumps(c.model_dump(mode="json", by_alias=True)) for c in demo_reference()),
        encoding="utf-8",
    )
    items = tmp_path / "items.jsonl"
    targets = [
        {"externalId": f"J{n}", "customer": {"name": "Bäckerei Müller"},
         "location": {"street": "Marktplatz 4", "postalCode": "50667", "city": "Köln"}}
        for n in range(3)
    ]  # fmt: skip
    items.write_text("\n".join(json.dumps(t) for t in targets), encoding="utf-8")
    data = tmp_path / "sandbox.sqlite"
    args = ["--data", str(data), "--reference", str(reference), "--items", str(items),
            "--items-key", "acme-full", "--prepare-only"]  # fmt: skip
    assert main(args) == 0
    assert "loaded 5 customer(s)" in capsys.readouterr().err
    assert main(args) == 0  # a second run leaves the file as it is
    store = SandboxStore(data)
    try:
        assert item_count(store, "acme") == 3 and item_count(store, "acme", waiting=True) == 3
        with store.unit_of_work() as session:
            customers, _cursor, _more = customers_changed_since(session, "acme", 0, 100)
        assert [c["id"] for c in customers] == [12, 13, 14, 15]
    finally:
        store.dispose()
    with pytest.raises(SystemExit):
        main(["--reference", str(reference), "--prepare-only"])  # needs --data
