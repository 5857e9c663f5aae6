"""Sync with the server, pull half: reference data and review items into the store.

``SyncService.pull`` first asks ``GET /integration/health`` whom the key belongs to (a key
of another tenant stops the pull before anything is read), then

1. pulls the reference changes feed (``GET /review/reference?since=``) from the profile's
   cursor into the tenant's customers, locations, contacts and external references, one
   transaction per page that also saves the page's cursor, so an interrupted pull goes on
   where it stopped; when the feed is through, the time is noted as the freshness of the
   reference data;
2. walks the review queue (``GET /review/items``) page by page and fetches the items that
   are new or whose version changed (``GET /review/items/{id}``) with their mapping result
   and candidates, stored with the item version they belong to, again one transaction per
   page with the queue cursor. When the server withholds candidates (the key lacks
   ``customers.read``), the desk ranks candidates itself from its reference data, without
   writing anything to that data (records are created on the server only).

An item with a local decision that is not pushed yet is never touched by a pull. Pages
stream through: neither feed is held in memory as a whole. Progress goes to a callback;
nothing here prints.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from ordinavo_desk.connect.client import ConnectClient
from ordinavo_desk.connect.errors import BadRequestError, ConnectError
from ordinavo_desk.connect.wire import (
    ReferenceChanges,
    ReviewItemSummary,
    ReviewPage,
    ReviewState,
)
from ordinavo_desk.domain.connect import InboundTarget
from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.domain.errors import DeskError, InputError
from ordinavo_desk.domain.mapping import MappingResult
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.matching.engine import MappingEngine
from ordinavo_desk.services.scope_capabilities import granted_scopes
from ordinavo_desk.services.sync_defaults import DEFAULT_PAGE_SIZE
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.item_repository import (
    MAPPING_BY_DESK,
    MAPPING_BY_SERVER,
    ImportItemRepository,
    PulledItem,
)
from ordinavo_desk.store.profile_repository import ProfileRepository
from ordinavo_desk.store.reference_records import ReferenceRecords
from ordinavo_desk.store.reference_repository import ReferenceRepository
from ordinavo_desk.store.types import utcnow

#: The desk's review states for the server's (an open vocabulary: unknown ones are kept).
_LOCAL_REVIEW_STATE = {
    ReviewState.OPEN.value: "pending",
    ReviewState.DEFERRED.value: "deferred",
    ReviewState.DECIDED.value: "decided",
    ReviewState.REJECTED.value: "rejected",
    ReviewState.CANCELLED.value: "cancelled",
    ReviewState.NOT_NEEDED.value: "not-needed",
}

REFERENCE = "reference"
ITEMS = "items"
#: Changed items on a page from which it is asked for again with mappings included.
_BULK_MIN = 5


@dataclass(frozen=True, slots=True)
class PullProgress:
    """After each stored page: the phase, pages and records so far."""

    phase: str
    pages: int
    done: int


Progress = Callable[[PullProgress], None]


@dataclass(frozen=True, slots=True)
class ReferencePull:
    customers: int = 0
    locations: int = 0
    contacts: int = 0
    pages: int = 0
    #: Why the reference data was not pulled (e.g. the key lacks customers.read).
    skipped: str | None = None
    #: The stored cursor was refused by the server: the feed was read from the start.
    restarted: bool = False
    completed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ItemsPull:
    #: Items listed by the queue, and those fetched because they were new or changed.
    seen: int = 0
    fetched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: External ids left alone: a local decision on them is not pushed yet.
    kept_local: tuple[str, ...] = ()
    #: Items whose candidates the desk ranked itself (the server withheld them).
    ranked_by_desk: int = 0
    pages: int = 0
    skipped: str | None = None
    #: Items open here that left the server's queue (decided or cancelled elsewhere),
    #: fetched again so they leave the desk's queue too.
    departed: int = 0
    #: An interrupted walk went on from its stored cursor.
    resumed: bool = False
    restarted: bool = False
    completed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PullSummary:
    profile: str
    tenant: str
    reference: ReferencePull = field(default_factory=ReferencePull)
    items: ItemsPull = field(default_factory=ItemsPull)
    seconds: float = 0.0


class TenantMismatchError(DeskError):
    """The key (or what the server sent) belongs to another tenant than the profile."""


class ReviewExtensionMissingError(DeskError):
    """The server does not offer the review extension, which pulling needs."""


class PullInterruptedError(DeskError):
    """A pull stopped on a Connect error. What was stored before stays stored, and the
    cursors point after it, so running the pull again goes on from there."""

    def __init__(self, phase: str, cause: ConnectError, summary: PullSummary) -> None:
        self.phase = phase
        self.cause = cause
        self.summary = summary
        super().__init__(f"the {phase} pull stopped: {cause}")


T = TypeVar("T")


def _plain(items: Iterator[T]) -> Generator[T]:
    yield from items


def prefetched(items: Iterator[T], depth: int = 1) -> Generator[T]:
    """The values of ``items``, produced by a worker thread up to ``depth`` ahead of the
    consumer. An error of ``items`` is raised to the consumer in its place (after the
    values before it); closing the generator stops the worker after its current value.
    Only the worker touches ``items``."""
    ready: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def offer(entry: tuple[str, Any]) -> bool:
        while not stop.is_set():
            try:
                ready.put(entry, timeout=0.1)
            except queue.Full:
                continue
            return True
        return False

    def work() -> None:
        try:
            for value in items:
                if not offer(("value", value)):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed over to the consumer
            offer(("error", exc))
            return
        offer(("end", None))

    worker = threading.Thread(target=work, name="pull-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            kind, value = ready.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        worker.join()


class _LocalRanker:
    """The desk's own candidates for items whose candidates the server withheld: the
    engine over the store's reference data, built on first use. Nothing it finds is
    written (records are created by the server, and arrive with the reference feed)."""

    def __init__(self, store: Store, settings: MappingSettings) -> None:
        self._store = store
        scopes = tuple(dict.fromkeys((*settings.scopes, Scope.CUSTOMERS_READ)))
        # the desk reads its own store: the key's missing customers.read does not apply
        self._settings = settings.model_copy(update={"scopes": scopes})
        self._engine: MappingEngine | None = None

    def rank(self, target: InboundTarget, server: MappingResult) -> MappingResult | None:
        if self._engine is None:
            with self._store.unit_of_work() as session:
                index = ReferenceRecords(session, self._settings.tenant).build_index()
            self._engine = MappingEngine(index)
        try:
            local = self._engine.map_item(target, self._settings).result
        except InputError:  # e.g. an item of another source system than the profile's
            return None
        return server.model_copy(
            update={"candidates": local.candidates, "explanation": local.explanation}
        )


@dataclass(frozen=True, slots=True)
class _Run:
    """One pull: whom for, through which client, what the key may do."""

    profile: Profile
    client: ConnectClient
    scopes: frozenset[Scope]
    report: Progress
    page_size: int
    prefetch: bool


class SyncService:
    def __init__(self, store: Store, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._store = store
        self._clock = clock

    def pull(
        self,
        profile: Profile,
        client: ConnectClient,
        *,
        progress: Progress | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        prefetch: bool = False,
    ) -> PullSummary:
        """Pull reference data, then review items, for ``profile`` (see the module).

        ``prefetch`` fetches the next reference page in a worker thread while one is
        stored. It pays when the server is far away; against a server on the same machine
        it costs time, since parsing a page and storing one then take turns at the
        interpreter lock (benchmarks/pull.py: 97 s with it, 83 s without)."""
        started = time.perf_counter()
        summary = PullSummary(profile=profile.name, tenant=profile.tenant)
        report = progress or (lambda _step: None)
        try:
            health = client.health()
        except ConnectError as exc:
            raise PullInterruptedError("health", exc, summary) from exc
        if health.tenant is None or not health.review_extension:
            raise ReviewExtensionMissingError(
                "the server does not offer the review extension (its health answer names "
                "no tenant), so there is nothing to pull"
            )
        if health.tenant != profile.tenant:
            raise TenantMismatchError(
                f"the key belongs to tenant '{health.tenant}', but profile '{profile.name}' "
                f"is for tenant '{profile.tenant}'; nothing was pulled (run 'profile connect' "
                "again, or check ORDINAVO_DESK_API_KEY)"
            )
        scopes, _unknown = granted_scopes(health.scopes)
        run = _Run(profile, client, frozenset(scopes), report, page_size, prefetch)
        summary = replace(summary, reference=self._pull_reference(run, summary))
        summary = replace(summary, items=self._pull_items(run, summary))
        return replace(summary, seconds=time.perf_counter() - started)

    # -- reference data --------------------------------------------------------------------

    def _pull_reference(self, run: _Run, summary: PullSummary) -> ReferencePull:
        profile = run.profile
        if Scope.CUSTOMERS_READ not in run.scopes:
            return ReferencePull(skipped=Scope.CUSTOMERS_READ.value)
        with self._store.unit_of_work() as session:
            since = ProfileRepository(session).sync_state(profile.name).reference_cursor
        result = ReferencePull()
        pages = self._reference_pages(run, since)
        try:
            while True:
                try:
                    page = next(pages, None)
                except BadRequestError as exc:
                    if since is None or result.pages or result.restarted:
                        raise PullInterruptedError(
                            REFERENCE, exc, replace(summary, reference=result)
                        ) from exc
                    # the server no longer knows the stored cursor: read from the start
                    since = None
                    result = replace(result, restarted=True)
                    pages.close()
                    pages = self._reference_pages(run, None)
                    continue
                except ConnectError as exc:
                    raise PullInterruptedError(
                        REFERENCE, exc, replace(summary, reference=result)
                    ) from exc
                if page is None:
                    break
                self._store_reference_page(profile, page)
                result = replace(
                    result,
                    customers=result.customers + len(page.customers),
                    locations=result.locations + sum(len(c.locations) for c in page.customers),
                    contacts=result.contacts + sum(len(c.contacts) for c in page.customers),
                    pages=result.pages + 1,
                )
                run.report(PullProgress(REFERENCE, result.pages, result.customers))
        finally:
            pages.close()
        now = self._clock()
        with self._store.unit_of_work() as session:
            ProfileRepository(session).reference_pulled(profile.name, now)
        return replace(result, completed_at=now)

    @staticmethod
    def _reference_pages(run: _Run, since: str | None) -> Generator[ReferenceChanges]:
        """The feed's pages; with ``prefetch``, the next page is fetched (by a worker
        thread, the only user of the client meanwhile) while this one is stored."""
        pages = run.client.reference_changes(since, limit=run.page_size)
        return prefetched(pages) if run.prefetch else _plain(pages)

    def _store_reference_page(self, profile: Profile, page: ReferenceChanges) -> None:
        strangers = sorted(
            {c.tenant for c in page.customers if c.tenant and c.tenant != profile.tenant}
        )
        if strangers:
            raise TenantMismatchError(
                f"the server sent reference data of tenant(s) {', '.join(strangers)} to a key "
                f"of tenant '{profile.tenant}'; the page was not stored"
            )
        with self._store.unit_of_work() as session:
            ReferenceRepository(session, profile.tenant).apply_server_customers(page.customers)
            ProfileRepository(session).save_reference_cursor(profile.name, page.cursor)

    # -- review items ----------------------------------------------------------------------

    def _pull_items(self, run: _Run, summary: PullSummary) -> ItemsPull:
        profile, client, page_size = run.profile, run.client, run.page_size
        if Scope.CUSTOMERS_MAP not in run.scopes:
            return ItemsPull(skipped=Scope.CUSTOMERS_MAP.value)
        with self._store.unit_of_work() as session:
            cursor = ProfileRepository(session).sync_state(profile.name).items_cursor
        ranker = None
        if Scope.CUSTOMERS_READ not in run.scopes:
            ranker = _LocalRanker(self._store, profile.settings)
        result = ItemsPull(resumed=cursor is not None)
        # after a page with many changes (a first pull), ask for the next one with the
        # mappings included straight away
        bulk = False
        listed: set[str] = set()
        while True:
            try:
                page = client.review_page(limit=page_size, cursor=cursor, include_mapping=bulk)
                listed.update(entry.id for entry in page.items)
                result, cursor, bulk = self._items_page(run, page, cursor, ranker, result)
            except BadRequestError as exc:
                if cursor is None or result.pages or result.restarted:
                    raise PullInterruptedError(ITEMS, exc, replace(summary, items=result)) from exc
                # the server no longer knows the stored cursor: walk from the start
                cursor = None
                result = replace(result, restarted=True, resumed=False)
                continue
            except ConnectError as exc:
                raise PullInterruptedError(ITEMS, exc, replace(summary, items=result)) from exc
            run.report(PullProgress(ITEMS, result.pages, result.seen))
            if cursor is None:
                break
        if not result.resumed:  # the walk saw the whole queue
            try:
                departed = self._refresh_departed(run, listed, ranker)
            except ConnectError as exc:
                raise PullInterruptedError(ITEMS, exc, replace(summary, items=result)) from exc
            result = replace(result, departed=departed)
        now = self._clock()
        with self._store.unit_of_work() as session:
            ProfileRepository(session).items_pulled(profile.name, now)
        return replace(result, completed_at=now)

    def _refresh_departed(self, run: _Run, listed: set[str], ranker: _LocalRanker | None) -> int:
        """Fetch the items open here that the server's queue no longer lists, so that
        items decided or cancelled elsewhere leave the desk's queue (those with a local
        decision not pushed yet stay as they are)."""
        tenant = run.profile.tenant
        with self._store.unit_of_work() as session:
            items = ImportItemRepository(session, tenant)
            open_here = items.open_server_items(run.profile.source_system)
            held = items.with_unpushed_decisions([item_id for item_id, _ in open_here])
        gone = [wire_id for item_id, wire_id in open_here
                if wire_id not in listed and item_id not in held]  # fmt: skip
        for start in range(0, len(gone), run.page_size):
            pulled = [
                self._pulled(run.client.review_item(wire_id), ranker, run.profile)
                for wire_id in gone[start : start + run.page_size]
            ]
            with self._store.unit_of_work() as session:
                ImportItemRepository(session, tenant).store_pulled(pulled)
        return len(gone)

    def _wanted(self, tenant: str, page: ReviewPage) -> tuple[list[ReviewItemSummary], list[str]]:
        """The page's items that are new or changed, and those held back because a local
        decision on them is not pushed yet."""
        with self._store.unit_of_work() as session:
            items = ImportItemRepository(session, tenant)
            copies = items.server_copies([(s.source_system, s.external_id) for s in page.items])
            held = items.with_unpushed_decisions([c.item_id for c in copies.values()])
        wanted: list[ReviewItemSummary] = []
        kept: list[str] = []
        for entry in page.items:
            copy = copies.get((entry.source_system, entry.external_id))
            if copy is not None and copy.item_id in held:
                kept.append(entry.external_id)
            elif (
                copy is None
                or copy.server_item_id != entry.id
                or copy.server_version != str(entry.version)
            ):
                wanted.append(entry)
        return wanted, kept

    def _items_page(
        self,
        run: _Run,
        page: ReviewPage,
        cursor: str | None,
        ranker: _LocalRanker | None,
        result: ItemsPull,
    ) -> tuple[ItemsPull, str | None, bool]:
        """Fetch the page's new and changed items and store them with the page's cursor
        (committed when this returns); answers the counts so far, the next cursor and
        whether the page had many changes.

        Many changes on a page listed without mappings: the page is asked for again with
        them, one request instead of one per item. A few: each is fetched on its own. A
        server that does not include mappings gets a request per item."""
        profile, client = run.profile, run.client
        wanted, kept = self._wanted(profile.tenant, page)
        many = len(wanted) >= max(_BULK_MIN, len(page.items) // 20)
        if many and any(entry.customer_mapping is None for entry in wanted):
            full = client.review_page(limit=run.page_size, cursor=cursor, include_mapping=True)
            if full.items and all(e.customer_mapping is not None for e in full.items):
                # the page as it is now (the queue may have moved since it was listed)
                page = full
                wanted, kept = self._wanted(profile.tenant, page)
        pulled = [
            self._pulled(entry, ranker, run.profile)
            if entry.customer_mapping is not None and entry.target is not None
            else self._pulled(client.review_item(entry.id), ranker, run.profile)
            for entry in wanted
        ]
        with self._store.unit_of_work() as session:
            outcome = ImportItemRepository(session, profile.tenant).store_pulled(pulled)
            ProfileRepository(session).save_items_cursor(profile.name, page.next_cursor)
        ranked = sum(1 for item in pulled if item.mapping_source == MAPPING_BY_DESK)
        counts = replace(
            result,
            seen=result.seen + len(page.items),
            fetched=result.fetched + len(pulled),
            created=result.created + outcome.created,
            updated=result.updated + outcome.updated,
            unchanged=result.unchanged + len(page.items) - len(wanted) - len(kept),
            kept_local=(*result.kept_local, *kept, *outcome.kept_local),
            ranked_by_desk=result.ranked_by_desk + ranked,
            pages=result.pages + 1,
        )
        return counts, page.next_cursor, many

    @staticmethod
    def _pulled(
        entry: ReviewItemSummary, ranker: _LocalRanker | None, profile: Profile
    ) -> PulledItem:
        """An item with its target and mapping (a detail, or a row with them included).
        The server mapped it under the settings the profile took from it."""
        assert entry.customer_mapping is not None and entry.target is not None
        payload: dict[str, Any] = dict(entry.target)
        payload.setdefault("externalId", entry.external_id)
        target = InboundTarget.model_validate(payload)
        mapping = entry.customer_mapping
        source = MAPPING_BY_SERVER
        if ranker is not None and not mapping.candidates:
            ranked = ranker.rank(target, mapping)
            if ranked is not None:
                mapping, source = ranked, MAPPING_BY_DESK
        return PulledItem(
            source_system=entry.source_system,
            target=target,
            payload=payload,
            server_item_id=entry.id,
            server_version=entry.version,
            review_state=_LOCAL_REVIEW_STATE.get(entry.review_state, entry.review_state),
            mapping=mapping,
            mapping_source=source,
            strategy=profile.settings.strategy.value,
        )
