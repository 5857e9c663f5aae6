"""``profile connect``, ``profile test`` and ``sync --pull-only`` on the command line, against
the real sandbox on loopback, with an in-memory keyring (and, in a subprocess, none)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from ordinavo_desk.cli import (
    EXIT_FORBIDDEN,
    EXIT_KEY_REFUSED,
    EXIT_OK,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    main,
)
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.database import Store
from tests.connect.test_keys import MemoryKeyring
from tests.sandbox.harness import FULL_KEY, MAPPER_KEY, Sandbox, reset_sandbox
from tests.services.sync_harness import (
    NOHEALTH_KEY,
    READONLY_KEY,
    ambiguous_items,
    every_row_as_text,
    sync_sandbox,
)
from tests.test_cli import run

SERVICE = "ordinavo-desk"


@pytest.fixture(scope="module")
def shared() -> Iterator[Sandbox]:
    with sync_sandbox() as running:
        yield running


@pytest.fixture
def sandbox(shared: Sandbox) -> Iterator[Sandbox]:
    with reset_sandbox(shared) as fresh:
        yield fresh


@pytest.fixture
def secrets() -> Iterator[MemoryKeyring]:
    """An in-memory keyring as the system keyring of this process."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


class Cli:
    def __init__(
        self, db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self.db = db
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *args: str, stdin: str = "") -> tuple[int, str, str]:
        self._capsys.readouterr()
        self._monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", self.db, *args])
        out, err = self._capsys.readouterr()
        return code, out, err

    def connect(self, name: str, url: str, key: str) -> tuple[int, str, str]:
        return self("profile", "connect", name, "--url", url, "--key-stdin", stdin=key + "\n")


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(db_url, capsys, monkeypatch)


def _files_holding(root: Path, secret: str) -> list[Path]:
    needle = secret.encode()
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_connect_fills_the_profile_from_the_server_and_keeps_the_key_in_the_keyring(
    cli: Cli, sandbox: Sandbox, secrets: MemoryKeyring, tmp_path: Path
) -> None:
    code, _out, err = cli("profile", "create", "acme", "--tenant", "other",
                          "--source-system", "crm", "--strategy", "ManualOnly")  # fmt: skip
    assert code == EXIT_OK, err
    code, out, err = cli.connect("acme", sandbox.base_url, FULL_KEY)
    assert code == EXIT_OK, err
    assert "updated profile 'acme': connected to" in out
    assert "API key fio_test_full_…0001 stored in the system keyring" in out
    assert "* tenant" in out and "acme  (was: other)" in out
    assert "* sourceSystem" in out and "sap-erp  (was: crm)" in out
    assert "ExternalIdThenNameAndAddress  (was: ManualOnly)" in out
    assert "* scopes" in out and "customers.read" in out
    assert f"* server        {sandbox.base_url}" in out or sandbox.base_url in out
    assert "changed: tenant, sourceSystem, strategy, scopes, autoCreate, server" in out

    assert secrets.secrets == {(SERVICE, "acme"): FULL_KEY}
    assert FULL_KEY not in out + err
    store = Store(cli.db)
    try:
        assert FULL_KEY not in every_row_as_text(store.engine)
        profile = ProfileService(store).get("acme")
    finally:
        store.dispose()
    assert profile.base_url == sandbox.base_url and profile.tenant == "acme"
    assert profile.settings.auto_create.location
    assert _files_holding(tmp_path, FULL_KEY) == []

    code, out, _err = cli("profile", "show", "acme")
    assert f"server:         {sandbox.base_url}" in out
    code, out, _err = cli.connect("acme", sandbox.base_url, FULL_KEY)
    assert code == EXIT_OK and "nothing changed" in out


def test_connect_creates_a_missing_profile_and_a_refused_key_stores_nothing(
    cli: Cli, sandbox: Sandbox, secrets: MemoryKeyring
) -> None:
    code, out, err = cli.connect("fresh", sandbox.base_url, "fio_test_not_a_key")
    assert code == EXIT_KEY_REFUSED
    assert "refused the API key (HTTP 401 unauthorized" in err and "Nothing was stored" in err
    assert "fio_test_not_a_key" not in out + err
    assert secrets.secrets == {}
    assert "fresh" not in cli("profile", "list")[1]

    code, out, err = cli("profile", "connect", "fresh", "--url", sandbox.base_url,
                         "--key-stdin", "--use", stdin=MAPPER_KEY)  # fmt: skip
    assert code == EXIT_OK, err
    assert "created profile 'fresh'" in out
    assert cli("profile", "list")[1].startswith("  acme") is False
    assert "* fresh" in cli("profile", "list")[1]


def test_connect_rejects_what_is_no_server_url(cli: Cli, secrets: MemoryKeyring) -> None:
    code, _out, err = cli.connect("p", "ftp://example.com", FULL_KEY)
    assert code == EXIT_USAGE and "is not a server URL" in err
    assert secrets.secrets == {}


@pytest.mark.parametrize(
    ("key", "may", "may_not"),
    [
        (FULL_KEY, ["customers.map", "customers.read", "customers.write"], []),
        (READONLY_KEY, ["customers.read", "import_jobs.read"],
         ["customers.map", "customers.write", "inbound.targets.write"]),
        (MAPPER_KEY, ["customers.map", "inbound.targets.write"],
         ["customers.read", "customers.write", "inbound.targets.batch.write"]),
    ],
    ids=["full", "read-only", "mapper"],
)  # fmt: skip
def test_profile_test_says_what_the_key_may_and_may_not_do(
    cli: Cli, sandbox: Sandbox, secrets: MemoryKeyring, key: str, may: list[str],
    may_not: list[str],
) -> None:  # fmt: skip
    assert cli.connect("p", sandbox.base_url, key)[0] == EXIT_OK
    code, out, err = cli("profile", "test", "p")
    assert code == EXIT_OK, err
    assert f"profile 'p': {sandbox.base_url} is reachable (" in out and " ms, status ok)" in out
    assert "key's tenant:   acme, source system sap-erp" in out
    allowed, _sep, denied = out.partition("the key may not:")
    for scope in may:
        assert f"+ {scope}" in allowed
    for scope in may_not:
        assert f"- {scope}" in denied
    if "customers.read" in may_not:
        assert "ranks candidates itself" in denied
    assert "GET /review/items" in out or "customers.map" in may_not
    assert "reference data: never" in out
    assert key not in out + err


def test_profile_test_exit_codes_for_a_refused_key_a_missing_scope_and_no_server(
    cli: Cli, sandbox: Sandbox, secrets: MemoryKeyring
) -> None:
    assert cli.connect("p", sandbox.base_url, FULL_KEY)[0] == EXIT_OK
    secrets.secrets[(SERVICE, "p")] = "fio_test_revoked_9999"
    code, _out, err = cli("profile", "test", "p")
    assert code == EXIT_KEY_REFUSED and "refused the API key" in err and "profile connect" in err

    secrets.secrets[(SERVICE, "p")] = NOHEALTH_KEY
    code, _out, err = cli("profile", "test", "p")
    assert code == EXIT_FORBIDDEN
    assert "the key lacks the scope integration.health.read (HTTP 403 missing_scope)" in err
    code, _out, err = cli.connect("q", sandbox.base_url, NOHEALTH_KEY)
    assert code == EXIT_FORBIDDEN and "Nothing was stored" in err

    secrets.secrets[(SERVICE, "p")] = FULL_KEY
    sandbox.faults("latency=1500")
    code, _out, err = cli("profile", "test", "p", "--timeout", "0.3")
    assert code == EXIT_UNREACHABLE and "within 0.3 s (timed out)" in err
    sandbox.faults("none")

    store = Store(cli.db)
    try:
        nowhere = "http://127.0.0.1:9/api/connect/v1"
        settings = MappingSettings(tenant="acme", source_system="sap-erp")
        ProfileService(store).save(Profile(name="gone", settings=settings, base_url=nowhere))
    finally:
        store.dispose()
    secrets.secrets[(SERVICE, "gone")] = FULL_KEY
    code, _out, err = cli("profile", "test", "gone")
    assert code == EXIT_UNREACHABLE and f"cannot reach {nowhere}" in err
    assert "Traceback" not in err


def test_sync_pull_only_pulls_then_only_changes(
    cli: Cli, sandbox: Sandbox, secrets: MemoryKeyring
) -> None:
    ambiguous_items(sandbox, FULL_KEY, "AMB", 3)
    assert cli.connect("acme", sandbox.base_url, FULL_KEY)[0] == EXIT_OK
    code, out, err = cli("sync", "--pull-only", "--profile", "acme", "--page-size", "2")
    assert code == EXIT_OK, err
    assert "pulled profile 'acme' (tenant acme)" in out
    assert "reference data: 4 customer(s) changed (5 location(s), 1 contact(s)) in 2 page(s)" in out
    assert "review items: 3 in the queue: 3 fetched (3 new, 0 changed), 0 unchanged" in out
    # not a terminal: plain progress lines
    assert "reference data: 2 customer(s), 1 page(s)\n" in err
    assert "review items: 3 item(s), 2 page(s)\n" in err
    code, out, _err = cli("sync", "--pull-only", "--profile", "acme")
    assert code == EXIT_OK
    assert "reference data: 0 customer(s) changed" in out
    assert "0 fetched (0 new, 0 changed), 3 unchanged" in out
    code, out, _err = cli("profile", "test", "acme")
    assert "reference data: 20" in out and "UTC (" in out


def test_sync_stops_with_a_clear_message(
    cli: Cli, sandbox: Sandbox, secrets: MemoryKeyring
) -> None:
    assert cli.connect("acme", sandbox.base_url, FULL_KEY)[0] == EXIT_OK
    secrets.secrets[(SERVICE, "acme")] = "fio_test_revoked_9999"
    code, _out, err = cli("sync", "--pull-only", "--profile", "acme")
    assert code == EXIT_KEY_REFUSED and "refused the API key" in err

    secrets.secrets[(SERVICE, "acme")] = READONLY_KEY  # may read, not map: items skipped
    code, out, err = cli("sync", "--pull-only", "--profile", "acme")
    assert code == EXIT_OK, err
    assert "review items: not pulled (the key lacks customers.map)" in out

    code, _out, err = cli("sync", "--pull-only", "--profile", "ghost")
    assert code == EXIT_USAGE and "no profile named 'ghost'" in err


def test_without_a_keyring_backend_it_says_so_and_the_environment_works(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """A real process with keyring's null backend (as on a server without a desktop)."""
    db = f"sqlite:///{tmp_path}/desk.sqlite"
    result = run("profile", "connect", "ci", "--url", sandbox.base_url, db=db)
    assert result.returncode == EXIT_USAGE
    assert "no keyring backend is available" in result.stderr
    assert "ORDINAVO_DESK_API_KEY" in result.stderr and "Traceback" not in result.stderr

    env = {"ORDINAVO_DESK_API_KEY": FULL_KEY}
    result = run("profile", "connect", "ci", "--url", sandbox.base_url, db=db, env=env)
    assert result.returncode == EXIT_OK, result.stderr
    assert "taken from ORDINAVO_DESK_API_KEY; it is not stored" in result.stdout
    ambiguous_items(sandbox, FULL_KEY, "AMB", 1)
    result = run("sync", "--pull-only", "--profile", "ci", db=db, env=env)
    assert result.returncode == EXIT_OK, result.stderr
    assert "1 fetched (1 new, 0 changed)" in result.stdout
    assert FULL_KEY not in result.stdout + result.stderr
    assert _files_holding(tmp_path, FULL_KEY) == []


def test_a_plain_v1_server_fills_nothing_but_keeps_url_and_key(
    cli: Cli, secrets: MemoryKeyring
) -> None:
    from tests.sandbox.harness import running_sandbox

    with running_sandbox(review_extension=False) as plain:
        code, _out, err = cli.connect("new", plain.base_url, FULL_KEY)
        assert code == EXIT_USAGE and "names no tenant" in err and "profile create" in err
        assert secrets.secrets == {}
        assert cli("profile", "create", "old", "--tenant", "t", "--source-system", "s")[0] == 0
        code, out, err = cli.connect("old", plain.base_url, FULL_KEY)
        assert code == EXIT_OK, err
        assert "the profile keeps its own values" in out and "changed: server" in out
        code, out, _err = cli("profile", "show", "old")
        assert "tenant:         t" in out and plain.base_url in out
        code, _out, err = cli("sync", "--pull-only", "--profile", "old")
        assert code == EXIT_USAGE and "review extension" in err
