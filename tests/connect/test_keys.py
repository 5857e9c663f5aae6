"""API keys in a keyring backend; the environment as the scripted fallback."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import null
from keyring.errors import PasswordDeleteError

from ordinavo_desk.connect.keys import API_KEY_ENV, ApiKeyStore, KeySource, KeyStoreError


class MemoryKeyring(KeyringBackend):
    """A keyring backend in memory, for tests only."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def test_keys_per_profile_in_the_keyring() -> None:
    backend = MemoryKeyring()
    store = ApiKeyStore(backend, environ={})
    store.save("default", "fio_live_abcdef123456")
    store.save("other", "fio_live_zzzzzz999999")
    key = store.load("default")
    assert (key.value, key.source) == ("fio_live_abcdef123456", KeySource.KEYRING)
    assert "abcdef12" not in repr(key) and "abcdef12" not in str(key)
    assert str(key).startswith("fio_live_…3456")
    assert backend.secrets[("ordinavo-desk", "other")] == "fio_live_zzzzzz999999"
    assert store.delete("default") and not store.delete("default")


def test_environment_fallback_without_a_keyring_backend() -> None:
    store = ApiKeyStore(
        null.Keyring(),  # type: ignore[no-untyped-call]
        environ={API_KEY_ENV: "fio_live_from_env_1"},
    )
    assert not store.keyring_available
    key = store.load("default")
    assert key.source is KeySource.ENVIRONMENT and key.value == "fio_live_from_env_1"
    with pytest.raises(KeyStoreError, match=API_KEY_ENV):
        store.save("default", "fio_live_x")


def test_no_key_anywhere_says_where_it_looked() -> None:
    with pytest.raises(KeyStoreError, match="no key for profile 'p'"):
        ApiKeyStore(MemoryKeyring(), environ={}).load("p")
