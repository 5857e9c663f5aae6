"""The reference changes feed of the sandbox: keyset pages over the latest change of each
customer, in the same wire form as the domain models give."""

from __future__ import annotations

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.enums import DecisionKind
from ordinavo_desk.sandbox.reference_feed import (
    customer_views,
    customer_wire_views,
    customers_changed_since,
)
from tests.sandbox.harness import Sandbox


def _decide_with_new_location(sandbox: Sandbox) -> None:
    client = sandbox.client()
    client.import_target(
        {
            "externalId": "J-NEW-LOC",
            "customer": {"name": "Bäckerei Müller"},
            "location": {"street": "Marktplatz 4", "postalCode": "50667", "city": "Köln"},
        }
    )
    item = next(client.review_items())
    client.decide(
        item.id,
        DecisionRequest(kind=DecisionKind.CHOOSE, customer_id=14, new_location=True),
        version=item.version,
        idempotency_key="k-feed",
    )


def test_wire_views_equal_the_domain_models_dump(sandbox: Sandbox) -> None:
    with sandbox.service.store.unit_of_work() as session:  # stores the wire forms
        before, _cursor, _more = customers_changed_since(session, "acme", 0, 10)
        assert len(before[2]["locations"]) == 1
    _decide_with_new_location(sandbox)  # changes customer 14: its stored form is dropped
    with sandbox.service.store.unit_of_work() as session:
        after, _cursor, _more = customers_changed_since(session, "acme", 0, 10)
        fresh = customer_views(session, "acme", [14])[0].model_dump(mode="json", by_alias=True)
        assert [c for c in after if c["id"] == 14] == [fresh]
    with sandbox.service.store.unit_of_work() as session:
        ids = [12, 13, 14, 15, 999]
        expected = [
            c.model_dump(mode="json", by_alias=True) for c in customer_views(session, "acme", ids)
        ]
        assert customer_wire_views(session, "acme", ids) == expected
        assert [c["id"] for c in expected] == [12, 13, 14, 15]
        assert [loc["street"] for loc in expected[2]["locations"]] == [
            "Marktplatz 3",
            "Marktplatz 4",
        ]


def test_pages_follow_the_latest_change_and_never_split_one(sandbox: Sandbox) -> None:
    with sandbox.service.store.unit_of_work() as session:
        first, cursor, more = customers_changed_since(session, "acme", 0, 2)
        assert [c["id"] for c in first] == [12, 13] and more
        rest, end, more = customers_changed_since(session, "acme", cursor, 10)
        assert [c["id"] for c in rest] == [14, 15] and not more
        nothing, after, more = customers_changed_since(session, "acme", end, 10)
        assert (nothing, more) == ([], False) and after >= end  # the newest change overall
        end = after
    _decide_with_new_location(sandbox)  # customer 14 changes (a new location, its reference)
    with sandbox.service.store.unit_of_work() as session:
        changed, later, more = customers_changed_since(session, "acme", end, 10)
        assert [c["id"] for c in changed] == [14] and later > end and not more
        globex, _cursor, _more = customers_changed_since(session, "globex", 0, 10)
        assert [c["id"] for c in globex] == [20]


def test_queue_rows_read_in_sql_equal_the_items_summary(sandbox: Sandbox) -> None:
    from sqlalchemy import select

    from ordinavo_desk.sandbox.review import list_items, summary
    from ordinavo_desk.sandbox.rows import ItemRow

    client = sandbox.client()
    client.import_batch(
        [
            {"externalId": "A", "title": "Oven", "customer": {"name": "Bäckerei Müller"},
             "location": {"street": "Marktplatz 4", "postalCode": "50667", "city": "Köln"}},
            {"externalId": "B", "customer": {"name": "Bäckerei Müller"},
             "address": {"street": "Marktplatz 4", "postalCode": "50667", "city": "Köln-Süd"}},
            {"externalId": "C", "location": {"name": "Depot", "postalCode": "50667",
                                             "street": "Marktplatz 4"}},
        ]
    )  # fmt: skip
    grant = sandbox.service.keys.grants()[0]
    with sandbox.service.store.unit_of_work() as session:
        rows = list(session.scalars(select(ItemRow).where(ItemRow.needs_review.is_(True))))
        listed = list_items(session, grant, statuses=[], warning=None, cursor=None, limit=10)[
            "items"
        ]
        assert listed == [summary(row) for row in rows] and len(listed) >= 2
        warned = list_items(
            session, grant, statuses=["Warning"], warning="AmbiguousNameAndAddress",
            cursor=None, limit=10,
        )["items"]  # fmt: skip
        assert warned and all("AmbiguousNameAndAddress" in i["warnings"] for i in warned)
