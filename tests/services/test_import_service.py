"""File import: every payload shape, all-or-nothing per file, clear errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.domain.profile import Profile, default_profile
from ordinavo_desk.services.import_service import ImportService
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.item_repository import ImportItemRepository
from ordinavo_desk.store.reference_repository import ReferenceRepository


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(db_url)
    ProfileService(store).ensure_default()
    yield store
    store.dispose()


@pytest.fixture
def profile() -> Profile:
    return default_profile()


def _items(store: Store, tenant: str = "acme") -> dict[str, int]:
    with store.unit_of_work() as session:
        return {i.external_id: i.version for i in ImportItemRepository(session, tenant).page()}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"externalId": "A", "customer": {"name": "Acme"}}),
        json.dumps({"sourceSystem": "sap-erp", "batchId": "B1", "targets": [{"externalId": "A"}]}),
        json.dumps({"sourceSystem": "sap-erp", "batchId": "B1", "items": [{"externalId": "A"}]}),
        json.dumps([{"externalId": "A"}]),
        '{"externalId": "A"}\n\n',
    ],
    ids=["target", "batch-targets", "batch-items", "array", "jsonl"],
)
def test_every_payload_shape_imports(
    store: Store, profile: Profile, tmp_path: Path, content: str
) -> None:
    summary = ImportService(store).import_file(_write(tmp_path / "in.json", content), profile)
    assert summary.created == 1
    assert _items(store) == {"A": 1}


def test_reimport_updates_as_new_version(store: Store, profile: Profile, tmp_path: Path) -> None:
    service = ImportService(store)
    path = _write(
        tmp_path / "a.jsonl", '{"externalId": "A", "title": "one"}\n{"externalId": "B"}\n'
    )
    service.import_file(path, profile)
    _write(path, '{"externalId": "A", "title": "two"}\n{"externalId": "B"}\n')
    summary = service.import_file(path, profile)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    assert _items(store) == {"A": 2, "B": 1}


@pytest.mark.parametrize(
    ("content", "line", "field", "message"),
    [
        ('{"externalId": "OK1"}\n{"externalId": "X", "address": {"latitude": 91}}\n', 2,
         "address.latitude", "less than or equal to 90"),
        ('{"externalId": "OK1"}\n{"externalId": \n', 2, None, "not valid JSON"),
        ('{"externalId": "OK1"}\n{"externalId": ""}\n', 2, "externalId", "must not be empty"),
        ('{"externalId": "OK1"}\n{"externalId": "X", "location": {"country": "XY"}}\n', 2,
         "location.country", "ISO 3166-1"),
        ('{"externalId": "OK1"}\n{"externalId": "X", "sourceSystem": "crm"}\n', 2,
         "sourceSystem", "not the profile's source system"),
        ('{"externalId": "OK1"}\n[1, 2]\n', 2, "[0]", "expected a target object"),
        ('{"targets": [{"externalId": "A"}, {"externalId": "B", "planning": '
         '{"estimatedWorkMinutes": -3}}]}', None, "targets[1].planning.estimatedWorkMinutes",
         "greater than or equal to 0"),
        ('{"externalId": "A",\n "title": oops}', 2, None, "not valid JSON"),
    ],
)  # fmt: skip
def test_bad_file_names_line_and_field_and_stores_nothing(
    store: Store,
    profile: Profile,
    tmp_path: Path,
    content: str,
    line: int | None,
    field: str | None,
    message: str,
) -> None:
    service = ImportService(store)
    service.import_file(
        _write(tmp_path / "earlier.jsonl", '{"externalId": "OK1", "title": "keep"}'), profile
    )
    before = _items(store)
    bad = _write(tmp_path / "bad.jsonl", content)
    with pytest.raises(InputError) as info:
        service.import_file(bad, profile)
    error = info.value
    assert error.file == str(bad)
    assert error.line == line
    assert error.field == field
    assert message in error.message
    assert _items(store) == before  # OK1 was neither duplicated nor changed


def test_not_utf8_is_a_clear_error(store: Store, profile: Profile, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b'{"externalId": "A"}\n{"externalId": "M\xfcller"}\n')
    with pytest.raises(InputError, match="not UTF-8") as info:
        ImportService(store).import_file(bad, profile)
    assert info.value.line == 2
    assert _items(store) == {}


def test_missing_and_empty_files(store: Store, profile: Profile, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        ImportService(store).import_file(tmp_path / "nope.json", profile)
    with pytest.raises(InputError, match="empty"):
        ImportService(store).import_file(_write(tmp_path / "e.json", "  \n"), profile)


REFERENCE = {
    "customers": [
        {
            "id": 12,
            "tenant": "acme",
            "customerNumber": "RRM-001",
            "name": "Rhein-Ruhr Medical Supply",
            "externalRefs": [{"sourceSystem": "sap-erp", "externalId": "CUST-10042"}],
            "locations": [
                {
                    "id": 34,
                    "street": "Hachestrasse 12",
                    "postalCode": "45127",
                    "city": "Essen",
                    "externalRefs": [{"sourceSystem": "sap-erp", "externalId": "LOC-ESSEN-01"}],
                }
            ],
            "contacts": [{"id": 56, "locationId": 34, "displayName": "Anna Weber"}],
        },
        {"id": 13, "tenant": "beta", "name": "Another tenant's customer"},
    ]
}


def test_reference_load_groups_by_tenant(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "ref.json", json.dumps(REFERENCE))
    summary = ImportService(store).load_reference(path, "acme")
    assert summary.customers_by_tenant == {"acme": 1, "beta": 1}
    with store.unit_of_work() as session:
        assert ReferenceRepository(session, "acme").counts()["externalRefs"] == 2
        assert ReferenceRepository(session, "beta").counts()["customers"] == 1


@pytest.mark.parametrize(
    ("mutate", "field", "message"),
    [
        (lambda d: d["customers"].append({"id": 12, "tenant": "acme"}), "customers[2].id",
         "duplicate customer id 12"),
        (lambda d: d["customers"].append({"id": 14, "tenant": "acme", "externalRefs": [
            {"sourceSystem": "sap-erp", "externalId": "CUST-10042"}]}),
         "customers[2].externalRefs[0]", "duplicate external reference Customer 'CUST-10042'"),
        (lambda d: d["customers"][0]["locations"].append({"id": 34}),
         "customers[0].locations[1].id", "duplicate location id 34"),
        (lambda d: d["customers"][0]["contacts"].append({"id": 57, "locationId": 99}),
         "customers[0].contacts[1].locationId", "not a location of customer 12"),
        (lambda d: d["customers"][0].update(status="Deleted"), "customers[0].status", "Input should be"),
        (lambda d: d["customers"][0]["locations"][0].update(latitude=123),
         "customers[0].locations[0].latitude", "less than or equal to 90"),
    ],
)  # fmt: skip
def test_bad_reference_file_is_a_clear_error_and_stores_nothing(
    store: Store,
    tmp_path: Path,
    mutate,
    field: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    data = json.loads(json.dumps(REFERENCE))
    mutate(data)
    path = _write(tmp_path / "ref.json", json.dumps(data))
    with pytest.raises(InputError) as info:
        ImportService(store).load_reference(path, "acme")
    assert info.value.field == field
    assert message in info.value.message
    with store.unit_of_work() as session:
        assert ReferenceRepository(session, "acme").counts()["customers"] == 0


def test_reference_json_lines_names_the_line(store: Store, tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": 1, "name": "A", "externalRefs": [{"sourceSystem": "s", "externalId": "X"}]}
        ),
        json.dumps(
            {"id": 2, "name": "B", "externalRefs": [{"sourceSystem": "s", "externalId": "X"}]}
        ),
    ]
    path = _write(tmp_path / "ref.jsonl", "\n".join(lines) + "\n")
    with pytest.raises(InputError, match="first at line 1") as info:
        ImportService(store).load_reference(path, "acme")
    assert info.value.line == 2


def test_reference_conflicting_with_stored_record_is_refused(store: Store, tmp_path: Path) -> None:
    service = ImportService(store)
    service.load_reference(_write(tmp_path / "a.json", json.dumps(REFERENCE)), "acme")
    other = {"customers": [{"id": 77, "tenant": "acme", "externalRefs": [
        {"sourceSystem": "sap-erp", "externalId": "CUST-10042"}]}]}  # fmt: skip
    with pytest.raises(InputError, match="already points at customer 12"):
        service.load_reference(_write(tmp_path / "b.json", json.dumps(other)), "acme")
    with store.unit_of_work() as session:
        assert ReferenceRepository(session, "acme").counts()["customers"] == 1


def test_reference_ids_are_unique_per_kind_across_the_file(store: Store, tmp_path: Path) -> None:
    data = {"customers": [{"id": 1, "tenant": "acme"}, {"id": 1, "tenant": "beta"}]}
    path = _write(tmp_path / "ref.json", json.dumps(data))
    with pytest.raises(InputError, match="duplicate customer id 1") as info:
        ImportService(store).load_reference(path, "acme")
    assert info.value.field == "customers[1].id"
