"""The reference data of one tenant, indexed for lookups by key and by blocking key."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Hashable, Iterable, Iterator, Sequence
from typing import Any

from ordinavo_desk.domain.enums import ExternalType
from ordinavo_desk.domain.errors import ConflictError
from ordinavo_desk.matching.blocking import (
    MultiMap,
    NamedBlockTable,
    cell_key,
    city_key,
    customer_number_key,
    most_shared,
    name_words,
    postal_key,
)
from ordinavo_desk.matching.geo import distance_m
from ordinavo_desk.matching.normalize import normalize_name
from ordinavo_desk.matching.policy import CandidateLimits
from ordinavo_desk.matching.records import (
    ContactRecord,
    CustomerRecord,
    ExternalRefRecord,
    LocationRecord,
)
from ordinavo_desk.matching.ref_tables import RefTables
from ordinavo_desk.matching.scoring import AddressKeys, location_keys

#: A table of locations by a key of their place (postal code, city or grid cell).
_Places = NamedBlockTable[Any]

#: Postings read per customer wanted from the name words, rarest words first.
_WORD_POSTINGS_PER_CUSTOMER = 4
#: Locations whose address keys are kept between items.
_ADDRESS_KEYS_KEPT = 100_000
_LOCATION_BLOCK_FIELDS = frozenset({"postal_code", "city", "country", "latitude", "longitude"})


class _CustomerEntry:
    """A customer with what the index derives from it. Lists are ``None`` while empty."""

    __slots__ = ("contact_ids", "location_ids", "name_key", "record")

    def __init__(self, record: CustomerRecord, name_key: str) -> None:
        self.record = record
        self.name_key = name_key
        self.location_ids: list[int] | None = None
        self.contact_ids: list[int] | None = None


class TenantIndex:
    """Customers, locations, contacts and external references of one tenant.

    Exact lookups (external references, customer numbers, normalised names) are hash
    lookups; candidate search goes through capped blocking tables, so the work per item
    does not grow with the number of records.
    """

    def __init__(self, tenant: str, limits: CandidateLimits) -> None:
        self.tenant = tenant
        self.limits = limits
        self._customers: dict[int, _CustomerEntry] = {}
        self._locations: dict[int, LocationRecord] = {}
        self._contacts: dict[int, ContactRecord] = {}
        self._numbers: MultiMap[str] = MultiMap()
        self._names: MultiMap[str] = MultiMap()
        self._words: NamedBlockTable[str] = NamedBlockTable(limits.block_cap)
        self._postal: NamedBlockTable[str] = NamedBlockTable(limits.block_cap)
        self._cities: NamedBlockTable[str] = NamedBlockTable(limits.block_cap)
        self._cells: NamedBlockTable[int] = NamedBlockTable(limits.block_cap)
        #: Address keys of locations recently compared (see ``address_keys``).
        self._address_keys: dict[int, tuple[LocationRecord, AddressKeys]] = {}
        #: The records of each kind (what an external reference may point at).
        self._records_of: dict[ExternalType, Container[int]] = {
            ExternalType.CUSTOMER: self._customers,
            ExternalType.LOCATION: self._locations,
            ExternalType.CONTACT: self._contacts,
        }
        self._refs = RefTables(self._records_of)

    # -- reads ----------------------------------------------------------------------------

    @property
    def customer_count(self) -> int:
        return len(self._customers)

    @property
    def location_count(self) -> int:
        return len(self._locations)

    @property
    def contact_count(self) -> int:
        return len(self._contacts)

    def customer(self, customer_id: int) -> CustomerRecord | None:
        entry = self._customers.get(customer_id)
        return entry.record if entry is not None else None

    def location(self, location_id: int) -> LocationRecord | None:
        return self._locations.get(location_id)

    def address_keys(self, location: LocationRecord) -> AddressKeys:
        """The comparison form of a location's address, kept for the locations compared
        recently (a bounded cache: the keys of millions of locations would double the
        index, and most are never compared)."""
        cached = self._address_keys.get(location.id)
        if cached is not None and cached[0] is location:
            return cached[1]
        keys = location_keys(location)
        if len(self._address_keys) >= _ADDRESS_KEYS_KEPT:
            self._address_keys.clear()
        self._address_keys[location.id] = (location, keys)
        return keys

    def contact(self, contact_id: int) -> ContactRecord | None:
        return self._contacts.get(contact_id)

    def name_key(self, customer_id: int) -> str:
        entry = self._customers.get(customer_id)
        return entry.name_key if entry is not None else ""

    def location_ids(self, customer_id: int) -> tuple[int, ...]:
        entry = self._customers.get(customer_id)
        if entry is None or entry.location_ids is None:
            return ()
        return tuple(entry.location_ids)

    def nearest_location_ids(self, customer_id: int, keys: AddressKeys, limit: int) -> list[int]:
        """Up to ``limit`` of a customer's locations, nearest the address first: those
        with its postal code, then its city, then by distance, then by id (cheap proxies
        of the address score, read from the records without parsing any street)."""
        owned = self.location_ids(customer_id)
        if len(owned) <= limit:
            return list(owned)
        lat, lon = keys.latitude, keys.longitude

        def order(location_id: int) -> tuple[bool, bool, float, int]:
            location = self._locations[location_id]
            metres = float("inf")
            other_lat, other_lon = location.latitude, location.longitude
            if (
                lat is not None
                and lon is not None
                and other_lat is not None
                and other_lon is not None
            ):
                metres = distance_m(lat, lon, other_lat, other_lon)
            return (
                keys.postal_code is None
                or postal_key(location.postal_code, location.country) != keys.postal_code,
                keys.city is None or city_key(location.city) != keys.city,
                metres,
                location_id,
            )

        return sorted(owned, key=order)[:limit]

    def contact_ids(self, customer_id: int) -> tuple[int, ...]:
        entry = self._customers.get(customer_id)
        if entry is None or entry.contact_ids is None:
            return ()
        return tuple(entry.contact_ids)

    def customer_ids(self) -> Iterator[int]:
        """Every customer id, in the order indexed (for exports and comparisons; matching
        never walks the whole tenant)."""
        return iter(self._customers)

    def holds(self, kind: ExternalType, record_id: int) -> bool:
        """Whether a record of this kind with this id is indexed."""
        return record_id in self._records_of[kind]

    def resolve(
        self, source_system: str, external_type: ExternalType, external_id: str
    ) -> int | None:
        """The record an external reference points at (ids compared trimmed, exactly)."""
        return self._refs.resolve(source_system, external_type, external_id)

    def customers_with_number(self, customer_number: str) -> tuple[int, ...]:
        key = customer_number_key(customer_number)
        return self._numbers.get(key) if key is not None else ()

    def customers_named(self, name_key: str) -> tuple[int, ...]:
        """Customers whose normalised name equals ``name_key``, lowest ids first."""
        return self._names.get(name_key) if name_key else ()

    def customers_by_words_named(self, name_key: str) -> tuple[list[int], list[str], int]:
        """Customers listed under the rare words of a name, rarest words first, until
        ``4 × max_word_customers`` postings are read, with their name keys in the same
        order, and the number of words read (a customer is listed once per word)."""
        postings = sorted((self._words.get_named(w) for w in name_words(name_key)), key=_size)
        ids: list[int] = []
        names: list[str] = []
        words = 0
        budget = _WORD_POSTINGS_PER_CUSTOMER * self.limits.max_word_customers
        for listed, named in postings:  # rarest words first, the most telling
            if budget <= 0:
                break
            if not listed:
                continue
            ids += listed
            names += named
            words += 1
            budget -= len(listed)
        return ids, names, words

    def places_named(
        self, postal_code: str | None, city: str | None, cells: Iterable[int]
    ) -> tuple[list[int], list[str]]:
        """Locations sharing the postal code, the city or one of the grid cells (keys
        already normalised), with their customers' name keys in the same order (a location
        sharing several keys appears once per key)."""
        ids: list[int] = []
        names: list[str] = []
        postings = [self._cells.get_named(cell) for cell in cells]
        if city:
            postings.append(self._cities.get_named(city))
        if postal_code:
            postings.append(self._postal.get_named(postal_code))
        for listed, named in postings:
            ids += listed
            names += named
        return ids, names

    def is_near(
        self,
        location: LocationRecord,
        postal_code: str | None,
        city: str | None,
        cells: Container[int],
    ) -> bool:
        """Whether a location shares a key that is not common (the postal code, the city,
        one of the cells) with an address."""
        if postal_code:
            own = postal_key(location.postal_code, location.country)
            if own == postal_code and not self._postal.is_common(own):
                return True
        if city:
            own = city_key(location.city)
            if own == city and not self._cities.is_common(own):
                return True
        cell = cell_key(location.latitude, location.longitude)
        return cell is not None and cell in cells and not self._cells.is_common(cell)

    def locations_near(
        self, postal_code: str | None, city: str | None, cells: Iterable[int], limit: int
    ) -> list[int]:
        """Locations sharing the postal code, the city or one of the grid cells (keys
        already normalised), those sharing most keys first."""
        hits: Counter[int] = Counter()
        if postal_code:
            hits.update(self._postal.get(postal_code))
        if city:
            hits.update(self._cities.get(city))
        for cell in cells:
            hits.update(self._cells.get(cell))
        return most_shared(hits, limit)

    # -- writes ---------------------------------------------------------------------------

    def add_customer(self, record: CustomerRecord) -> None:
        if record.id in self._customers:
            raise ConflictError(f"customer {record.id} exists already in tenant {self.tenant}")
        entry = _CustomerEntry(record, normalize_name(record.name) if record.name else "")
        self._customers[record.id] = entry
        self._index_customer(entry)

    def _owner(
        self, kind: str, record_id: int, customer_id: int, existing: Container[int]
    ) -> _CustomerEntry:
        """The customer a new location or contact belongs to; a clash is a conflict."""
        entry = self._customers.get(customer_id)
        if entry is None:
            raise ConflictError(f"{kind} {record_id}: no customer {customer_id}")
        if record_id in existing:
            raise ConflictError(f"{kind} {record_id} exists already in tenant {self.tenant}")
        return entry

    def add_location(self, record: LocationRecord) -> None:
        entry = self._owner("location", record.id, record.customer_id, self._locations)
        self._locations[record.id] = record
        if entry.location_ids is None:
            entry.location_ids = []
        entry.location_ids.append(record.id)
        self._index_location(record, entry.name_key)

    def add_customers(self, records: Iterable[CustomerRecord]) -> int:
        """``add_customer`` for many records (building from a store): the name-word
        postings are gathered as the records come and listed once at the end. Returns the
        highest customer id of the tenant (0 when none)."""
        customers, numbers, names = self._customers, self._numbers, self._names
        # most numbers and names are held by one customer: their maps are written
        # directly then, and through the MultiMaps when a key is shared
        number_ids, name_ids = numbers.ids_by_key, names.ids_by_key
        words: dict[str, tuple[list[int], list[str]]] = {}
        try:
            for record in records:
                record_id = record.id
                if record_id in customers:
                    self.add_customer(record)  # raises the conflict
                name_key = normalize_name(record.name) if record.name else ""
                customers[record_id] = _CustomerEntry(record, name_key)
                number = customer_number_key(record.customer_number)
                if number is not None:
                    if number in number_ids:
                        numbers.add(number, record_id)
                    else:
                        number_ids[number] = record_id
                if name_key:
                    if name_key in name_ids:
                        names.add(name_key, record_id)
                    else:
                        name_ids[name_key] = record_id
                    for word in name_words(name_key):
                        listed = words.get(word)
                        if listed is None:
                            words[word] = ([record_id], [name_key])
                        else:
                            listed[0].append(record_id)
                            listed[1].append(name_key)
        finally:
            self._words.add_gathered(words)
        return max(customers, default=0)

    def add_locations(self, records: Iterable[LocationRecord]) -> int:
        """``add_location`` for many records (building from a store): the place postings
        are gathered as the records come and listed once at the end. Returns the highest
        location id of the tenant (0 when none)."""
        customers, locations = self._customers, self._locations
        postal: dict[str, tuple[list[int], list[str]]] = {}
        cities: dict[str, tuple[list[int], list[str]]] = {}
        cells: dict[int, tuple[list[int], list[str]]] = {}
        try:
            for record in records:
                record_id = record.id
                entry = customers.get(record.customer_id)
                if entry is None or record_id in locations:
                    self.add_location(record)  # raises the conflict
                    continue
                locations[record_id] = record
                if entry.location_ids is None:
                    entry.location_ids = [record_id]
                else:
                    entry.location_ids.append(record_id)
                name_key = entry.name_key
                # the three place tables, written out: this loop runs millions of times
                key = postal_key(record.postal_code, record.country)
                if key is not None:
                    listed = postal.get(key)
                    if listed is None:
                        postal[key] = ([record_id], [name_key])
                    else:
                        listed[0].append(record_id)
                        listed[1].append(name_key)
                key = city_key(record.city)
                if key is not None:
                    listed = cities.get(key)
                    if listed is None:
                        cities[key] = ([record_id], [name_key])
                    else:
                        listed[0].append(record_id)
                        listed[1].append(name_key)
                cell = cell_key(record.latitude, record.longitude)
                if cell is not None:
                    listed = cells.get(cell)
                    if listed is None:
                        cells[cell] = ([record_id], [name_key])
                    else:
                        listed[0].append(record_id)
                        listed[1].append(name_key)
        finally:
            self._postal.add_gathered(postal)
            self._cities.add_gathered(cities)
            self._cells.add_gathered(cells)
        return max(locations, default=0)

    def add_contacts(self, records: Iterable[ContactRecord]) -> int:
        """``add_contact`` for many records. Returns the highest contact id of the tenant
        (0 when none)."""
        customers, contacts = self._customers, self._contacts
        for record in records:
            record_id = record.id
            entry = customers.get(record.customer_id)
            if entry is None or record_id in contacts:
                self.add_contact(record)  # raises the conflict
                continue
            contacts[record_id] = record
            if entry.contact_ids is None:
                entry.contact_ids = [record_id]
            else:
                entry.contact_ids.append(record_id)
        return max(contacts, default=0)

    def add_external_refs(self, refs: Iterable[ExternalRefRecord]) -> None:
        """``add_external_ref`` for many references (building from a store)."""
        self._refs.add_many(refs)

    def add_external_ref_run(
        self,
        source_system: str,
        external_type: ExternalType,
        external_ids: Sequence[str],
        record_ids: Sequence[int],
    ) -> None:
        """``add_external_ref`` for the references of one source and type as two columns."""
        self._refs.add_run(source_system, external_type, external_ids, record_ids)

    def add_contact(self, record: ContactRecord) -> None:
        entry = self._owner("contact", record.id, record.customer_id, self._contacts)
        self._contacts[record.id] = record
        if entry.contact_ids is None:
            entry.contact_ids = []
        entry.contact_ids.append(record.id)

    def add_external_ref(
        self, source_system: str, external_type: ExternalType, external_id: str, record_id: int
    ) -> None:
        """Store a reference; storing one that points at the same record again is harmless,
        one that points at another record is a conflict (references never move)."""
        self._refs.add(source_system, external_type, external_id, record_id)

    def update_field(
        self, external_type: ExternalType, record_id: int, field: str, value: Any
    ) -> None:
        """Write one field of a record and keep the blocking tables in step."""
        if external_type is ExternalType.CUSTOMER:
            entry = self._customers[record_id]
            renamed = field == "name"
            owned = [self._locations[i] for i in entry.location_ids or ()] if renamed else []
            self._unindex_customer(entry)
            for location in owned:
                self._unindex_location(location)
            entry.record = entry.record._replace(**{field: value})
            entry.name_key = normalize_name(entry.record.name) if entry.record.name else ""
            self._index_customer(entry)
            for location in owned:  # the place postings hold the owner's name
                self._index_location(location, entry.name_key)
        elif external_type is ExternalType.LOCATION:
            old = self._locations[record_id]
            new = old._replace(**{field: value})
            if field in _LOCATION_BLOCK_FIELDS:
                self._unindex_location(old)
                self._index_location(new, self.name_key(new.customer_id))
            self._locations[record_id] = new
        else:
            self._contacts[record_id] = self._contacts[record_id]._replace(**{field: value})

    # -- blocking -------------------------------------------------------------------------

    def _index_customer(self, entry: _CustomerEntry) -> None:
        record_id, name_key = entry.record.id, entry.name_key
        number = customer_number_key(entry.record.customer_number)
        if number is not None:
            self._numbers.add(number, record_id)
        if name_key:
            self._names.add(name_key, record_id)
            for word in name_words(name_key):
                self._words.add(word, record_id, name_key)

    def _unindex_customer(self, entry: _CustomerEntry) -> None:
        record_id, name_key = entry.record.id, entry.name_key
        number = customer_number_key(entry.record.customer_number)
        if number is not None:
            self._numbers.remove(number, record_id)
        if name_key:
            self._names.remove(name_key, record_id)
            for word in name_words(name_key):
                self._words.remove(word, record_id)

    def _place_keys(self, record: LocationRecord) -> Iterator[tuple[_Places, Hashable]]:
        """The place tables a location is listed in, with its key in each."""
        postal = postal_key(record.postal_code, record.country)
        if postal is not None:
            yield self._postal, postal
        city = city_key(record.city)
        if city is not None:
            yield self._cities, city
        cell = cell_key(record.latitude, record.longitude)
        if cell is not None:
            yield self._cells, cell

    def _index_location(self, record: LocationRecord, name_key: str) -> None:
        for table, key in self._place_keys(record):
            table.add(key, record.id, name_key)

    def _unindex_location(self, record: LocationRecord) -> None:
        for table, key in self._place_keys(record):
            table.remove(key, record.id)


def _size(postings: tuple[Sequence[int], Sequence[str]]) -> int:
    return len(postings[0])
