"""Contact email, phone and mobile are stored encrypted: in the contacts, in import
payloads, in corrections; readable through the store, never in the database file."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from ordinavo_desk.connect.wire import DecisionRequest
from ordinavo_desk.domain.enums import DecisionKind
from ordinavo_desk.domain.errors import InputError, StoreError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.data_key import DATA_KEY_ENV, DataKeySource, load_data_key
from ordinavo_desk.services.review_service import ReviewService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.personal_data import UNREADABLE, DataKey, use_data_key
from ordinavo_desk.store.reference_repository import ReferenceRepository
from ordinavo_desk.store.rows import ContactRow
from tests.conftest import TEST_DATA_KEY
from tests.connect.test_keys import MemoryKeyring
from tests.services.review_harness import item_id, review_store
from tests.services.sync_harness import every_row_as_text

EMAIL = "jana@schmitz.example"  # the contact of the harness's ambiguous item


@pytest.fixture
def desk(db_url: str, tmp_path: Path) -> Iterator[tuple[Store, Profile]]:
    with review_store(db_url, tmp_path) as opened:
        yield opened


def test_personal_fields_are_encrypted_wherever_they_are_stored(
    desk: tuple[Store, Profile],
) -> None:
    store, profile = desk
    ReviewService(store).decide(
        profile,
        item_id(store, "JOB-NEW"),
        DecisionRequest(
            kind=DecisionKind.CREATE_NEW,
            corrections={"contact": {"phone": "+49 89 1234567", "mobile": "+49 170 7654321"}},
        ),
    )
    with store.unit_of_work() as session:
        raw_payload = session.execute(
            text("SELECT payload FROM import_items WHERE external_id = 'JOB-AMB'")
        ).scalar_one()
        raw_contacts = session.execute(text("SELECT email, phone FROM contacts")).all()
        created = ReferenceRepository(session, "acme").customers(
            [c.id for c in ReferenceRepository(session, "acme").iter_customers()][-1:]
        )[0]
    assert EMAIL not in str(raw_payload) and "enc1:" in str(raw_payload)
    assert all(e is None or e.startswith("enc1:") for e, _p in raw_contacts)
    everything = every_row_as_text(store.engine)
    for secret in (EMAIL, "eva@neu.example", "+49 89 1234567", "+49 170 7654321"):
        assert secret not in everything
    assert "Völlig Neue Firma GmbH" in everything  # only the personal fields are hidden
    # through the store, they read as they were given
    assert [(c.email, c.phone, c.mobile) for c in created.contacts] == [
        ("eva@neu.example", "+49 89 1234567", "+49 170 7654321")
    ]
    history = ReviewService(store).history(profile, item_id(store, "JOB-NEW"))
    assert history[0].corrections["contact"]["phone"] == "+49 89 1234567"


def test_values_under_another_key_are_unreadable_not_fatal(desk: tuple[Store, Profile]) -> None:
    store, profile = desk
    use_data_key(DataKey(DataKey.generate()))
    try:
        with store.unit_of_work() as session:
            emails = list(session.scalars(
                select(ContactRow.email).where(ContactRow.email.is_not(None)).limit(5)))  # fmt: skip
        assert emails and set(emails) == {UNREADABLE}
    finally:
        use_data_key(DataKey(TEST_DATA_KEY.encode("ascii")))
    use_data_key(None)
    try:
        with pytest.raises(StoreError, match="no data key"):
            ReviewService(store).decide(profile, item_id(store, "JOB-NEW"),
                                        DecisionRequest(kind=DecisionKind.CREATE_NEW))  # fmt: skip
    finally:
        use_data_key(DataKey(TEST_DATA_KEY.encode("ascii")))


def test_the_data_key_comes_from_environment_keyring_or_a_private_file(tmp_path: Path) -> None:
    key, info = load_data_key(MemoryKeyring(), {DATA_KEY_ENV: TEST_DATA_KEY}, tmp_path)
    assert info.source is DataKeySource.ENVIRONMENT
    assert key.fingerprint == DataKey(TEST_DATA_KEY.encode()).fingerprint
    with pytest.raises(InputError, match="does not hold a data key"):
        load_data_key(MemoryKeyring(), {DATA_KEY_ENV: "not a key"}, tmp_path)

    keyring = MemoryKeyring()
    first, info = load_data_key(keyring, {}, tmp_path)
    assert (info.source, info.created) == (DataKeySource.KEYRING, True)
    again, info = load_data_key(keyring, {}, tmp_path)
    assert again.fingerprint == first.fingerprint and not info.created
    assert list(keyring.secrets) == [("ordinavo-desk-data", "personal-data")]

    from keyring.backends.null import Keyring as NullKeyring

    made, info = load_data_key(NullKeyring(), {}, tmp_path)  # type: ignore[no-untyped-call]
    assert (info.source, info.created) == (DataKeySource.FILE, True)
    assert info.path is not None
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    kept, info = load_data_key(NullKeyring(), {}, tmp_path)  # type: ignore[no-untyped-call]
    assert kept.fingerprint == made.fingerprint and not info.created
