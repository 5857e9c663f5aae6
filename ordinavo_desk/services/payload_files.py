"""Reading the exchange files: Connect payloads, reference data and mapping settings.

A file is a unit: the first problem stops reading with an InputError that names the file,
the line (JSON Lines, or where the JSON parser stopped) and the field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ordinavo_desk.domain.connect import InboundTarget, TargetBatch
from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.domain.errors import InputError, SettingsError
from ordinavo_desk.domain.reference import Customer, ExternalRef
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.domain.validation import input_error_from


@dataclass(frozen=True, slots=True)
class Document:
    """One JSON value of a file: its line (JSON Lines only) and its field path prefix."""

    line: int | None
    prefix: str
    value: Any


@dataclass(frozen=True, slots=True)
class ParsedTarget:
    line: int | None
    prefix: str
    target: InboundTarget
    payload: dict[str, Any]
    batch_id: str | None

    @property
    def where(self) -> str:
        parts = [f"line {self.line}"] if self.line is not None else []
        if self.prefix:
            parts.append(self.prefix)
        return ", ".join(parts)


@contextmanager
def _readable(name: str) -> Iterator[None]:
    """Turn a failure to open or read the file into an InputError naming it."""
    try:
        yield
    except FileNotFoundError:
        raise InputError("file not found", file=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=name) from None


def read_text(path: Path) -> str:
    name = str(path)
    with _readable(name):
        data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x})", file=name, line=line
        ) from None


def _json_lines(text: str, name: str) -> Iterator[Document]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"not valid JSON: {exc.msg} (column {exc.colno})", file=name, line=number
            ) from None
        yield Document(number, "", value)


def read_documents(path: Path) -> tuple[str, list[Document]]:
    """The file's JSON values: ``("json", [whole])`` or ``("jsonl", [one per line])``."""
    name = str(path)
    text = read_text(path)
    if not text.strip():
        raise InputError("the file is empty", file=name)
    try:
        return "json", [Document(None, "", json.loads(text))]
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise InputError(
                f"not valid JSON: {exc.msg} (column {exc.colno})", file=name, line=exc.lineno
            ) from None
    return "jsonl", list(_json_lines(text, name))


def _validate_target(
    raw: object, doc: Document, prefix: str, name: str, inherited: dict[str, Any]
) -> ParsedTarget:
    if not isinstance(raw, dict):
        raise InputError(
            f"expected a target object, got {type(raw).__name__}",
            file=name,
            line=doc.line,
            field=prefix or None,
        )
    payload = {**inherited, **{k: v for k, v in raw.items() if v is not None or k not in inherited}}
    try:
        target = InboundTarget.model_validate(payload)
    except ValidationError as exc:
        raise input_error_from(exc, file=name, line=doc.line, prefix=prefix) from None
    return ParsedTarget(doc.line, prefix, target, payload, inherited.get("batchId"))


def _targets_of(doc: Document, name: str) -> Iterator[ParsedTarget]:
    value = doc.value
    if isinstance(value, list):
        for index, raw in enumerate(value):
            yield _validate_target(raw, doc, f"[{index}]", name, {})
        return
    if not isinstance(value, dict):
        raise InputError(
            f"expected a target, a batch or an array, got {type(value).__name__}",
            file=name,
            line=doc.line,
        )
    if "targets" in value or "items" in value:
        key = "targets" if "targets" in value else "items"
        try:
            batch = TargetBatch.model_validate(value)
        except ValidationError as exc:
            raise input_error_from(exc, file=name, line=doc.line) from None
        inherited: dict[str, Any] = {}
        if batch.source_system:
            inherited["sourceSystem"] = batch.source_system
        if batch.operation:
            inherited["operation"] = batch.operation.value
        if batch.batch_id:
            inherited["batchId"] = batch.batch_id
        for index, raw in enumerate(value[key]):
            yield _validate_target(raw, doc, f"{key}[{index}]", name, inherited)
        return
    yield _validate_target(value, doc, "", name, {})


def read_targets(path: Path, source_system: str) -> list[ParsedTarget]:
    """Every target of the file (single target, batch, array or JSON Lines), validated.

    A target naming another source system than ``source_system`` is invalid input.
    """
    name = str(path)
    _, documents = read_documents(path)
    parsed: list[ParsedTarget] = []
    for doc in documents:
        for item in _targets_of(doc, name):
            named = item.target.source_system
            if named is not None and named != source_system:
                field = f"{item.prefix}.sourceSystem" if item.prefix else "sourceSystem"
                raise InputError(
                    f"'{named}' is not the profile's source system '{source_system}'",
                    file=name,
                    line=item.line,
                    field=field,
                )
            parsed.append(item)
    if not parsed:
        raise InputError("the file holds no targets", file=name)
    return parsed


@dataclass(frozen=True, slots=True)
class ParsedCustomer:
    """A validated customer of a reference file, with where it stands and its tenant."""

    line: int | None
    prefix: str
    customer: Customer
    tenant: str

    @property
    def where(self) -> str:
        return self.prefix or "customer"


def iter_reference(path: Path, default_tenant: str) -> Iterator[ParsedCustomer]:
    """The customers of a reference file one at a time, each validated on its own.

    JSON Lines are read line by line, so memory stays flat however large the file is; a
    single ``{"customers": [...]}`` document is read whole. Ids and references are not
    checked across customers here: the index they go into refuses duplicates. A contact's
    location must be a location of the same customer.
    """
    name = str(path)
    with _readable(name):
        stream = path.open("rb")
    with stream:
        first = stream.readline()
        if not _is_json_line(first):
            stream.seek(0)
            yield from _whole_reference(path, default_tenant)
            return
        number = 0
        for raw in _chain_first(first, stream):
            number += 1
            text = _decode_line(raw, name, number)
            if not text.strip():
                continue
            try:
                customer = Customer.model_validate_json(text)
            except ValidationError as exc:
                _raise_json_error(text, name, number)
                raise input_error_from(exc, file=name, line=number) from None
            _check_contact_locations(customer, name, number, "")
            yield ParsedCustomer(number, "", customer, customer.tenant or default_tenant)


def _is_json_line(first: bytes) -> bool:
    """Whether a file whose first line is ``first`` is JSON Lines of customers (rather
    than one document spread over lines or holding ``customers``)."""
    try:
        value = json.loads(first.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(value, dict) and "customers" not in value


def _chain_first(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _decode_line(raw: bytes, name: str, number: int) -> str:
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", file=name, line=number
        ) from None


def _raise_json_error(text: str, name: str, number: int) -> None:
    """Raise the JSON syntax error of a line, if it has one."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", file=name, line=number
        ) from None


def _whole_reference(path: Path, default_tenant: str) -> Iterator[ParsedCustomer]:
    name = str(path)
    kind, documents = read_documents(path)
    raw_customers: list[tuple[int | None, str, Any]]
    if kind == "json":
        value = documents[0].value
        if not isinstance(value, dict) or not isinstance(value.get("customers"), list):
            raise InputError(
                'expected {"customers": [...]} or one customer per line',
                file=name,
                field="customers",
            )
        raw_customers = [(None, f"customers[{i}]", c) for i, c in enumerate(value["customers"])]
    else:
        raw_customers = [(doc.line, "", doc.value) for doc in documents]
    for line, prefix, raw in raw_customers:
        if not isinstance(raw, dict):
            raise InputError(
                "expected a customer object", file=name, line=line, field=prefix or None
            )
        try:
            customer = Customer.model_validate(raw)
        except ValidationError as exc:
            raise input_error_from(exc, file=name, line=line, prefix=prefix) from None
        _check_contact_locations(customer, name, line, prefix)
        yield ParsedCustomer(line, prefix, customer, customer.tenant or default_tenant)


def _check_contact_locations(customer: Customer, name: str, line: int | None, prefix: str) -> None:
    location_ids = {loc.id for loc in customer.locations}
    base = f"{prefix}." if prefix else ""
    for index, con in enumerate(customer.contacts):
        if con.location_id is not None and con.location_id not in location_ids:
            raise InputError(
                f"location {con.location_id} is not a location of customer {customer.id}",
                file=name,
                line=line,
                field=f"{base}contacts[{index}].locationId",
            )


def read_reference(path: Path, default_tenant: str) -> list[Customer]:
    """Customers of a reference file (``{"customers": [...]}`` or JSON Lines).

    Customers without a tenant take ``default_tenant``. Duplicate ids (per record kind,
    across the file) and duplicate external references are errors naming where they stand.
    """
    customers: list[Customer] = []
    checker = _UniquenessChecker(str(path))
    for parsed in iter_reference(path, default_tenant):
        customer = parsed.customer
        if customer.tenant is None:
            customer = customer.model_copy(update={"tenant": parsed.tenant})
        checker.check(customer, parsed.line, parsed.prefix)
        customers.append(customer)
    return customers


class _UniquenessChecker:
    """Ids unique per record kind and tenant; external references unique per key."""

    def __init__(self, file: str) -> None:
        self._file = file
        self._ids: dict[tuple[str, int], str] = {}
        self._refs: dict[tuple[str, str, ExternalType, str], str] = {}

    def check(self, customer: Customer, line: int | None, prefix: str) -> None:
        tenant = customer.tenant or ""
        base = f"{prefix}." if prefix else ""
        self._claim_id("customer", customer.id, f"{base}id", line)
        self._claim_refs(
            tenant, ExternalType.CUSTOMER, customer.external_refs, prefix or "customer", line
        )
        for index, loc in enumerate(customer.locations):
            field = f"{base}locations[{index}]"
            self._claim_id("location", loc.id, f"{field}.id", line)
            self._claim_refs(tenant, ExternalType.LOCATION, loc.external_refs, field, line)
        for index, con in enumerate(customer.contacts):
            field = f"{base}contacts[{index}]"
            self._claim_id("contact", con.id, f"{field}.id", line)
            self._claim_refs(tenant, ExternalType.CONTACT, con.external_refs, field, line)

    def _claim_id(self, kind: str, record_id: int, field: str, line: int | None) -> None:
        key = (kind, record_id)  # unique per record kind across the whole file
        if key in self._ids:
            raise InputError(
                f"duplicate {kind} id {record_id} (first at {self._ids[key]})",
                file=self._file,
                line=line,
                field=field,
            )
        self._ids[key] = field if line is None else f"line {line}"

    def _claim_refs(
        self,
        tenant: str,
        external_type: ExternalType,
        refs: tuple[ExternalRef, ...],
        field: str,
        line: int | None,
    ) -> None:
        for index, ref in enumerate(refs):
            key = (tenant, ref.source_system, external_type, ref.external_id)
            where = f"{field}.externalRefs[{index}]"
            if key in self._refs:
                raise InputError(
                    f"duplicate external reference {external_type.value} '{ref.external_id}' "
                    f"of {ref.source_system} (first at {self._refs[key]})",
                    file=self._file,
                    line=line,
                    field=where,
                )
            self._refs[key] = where if line is None else f"line {line}"


def read_settings_document(path: Path) -> dict[str, Any]:
    """The raw mapping-settings object of a file (validated later, with overrides)."""
    name = str(path)
    kind, documents = read_documents(path)
    if kind != "json" or not isinstance(documents[0].value, dict):
        raise SettingsError("expected one JSON object of mapping settings", file=name)
    value: dict[str, Any] = documents[0].value
    return value


def settings_from(raw: dict[str, Any], *, file: str | None = None) -> MappingSettings:
    try:
        return MappingSettings.model_validate(raw)
    except ValidationError as exc:
        error = input_error_from(exc, file=file)
        raise SettingsError(error.message, file=file, field=error.field) from None
