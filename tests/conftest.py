"""Fixtures every test can use: isolated user directories and the test databases."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from ordinavo_desk.store.personal_data import DataKey, use_data_key

PG_URL_ENV = "ORDINAVO_DESK_TEST_PG_URL"

# Qt tests run headless unless the caller chose a platform (must be set before Qt starts).
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Qt warns when XDG_RUNTIME_DIR is missing (root in CI); give the session a private one.
if not os.environ.get("XDG_RUNTIME_DIR"):
    os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="ordinavo-desk-runtime-")
    atexit.register(shutil.rmtree, os.environ["XDG_RUNTIME_DIR"], ignore_errors=True)


#: The data key of the tests (32 bytes, url-safe base64), never used anywhere else.
TEST_DATA_KEY = "b3JkaW5hdm8tZGVzay10ZXN0LWRhdGEta2V5LTAwMDE="


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: Path
) -> Path:
    """Point data, config, cache and keyring of the desk at tmp_path for every test.

    platformdirs resolves under tmp_path on every OS (its own fixture); the XDG variables
    do the same for Qt and subprocesses. Settings a developer exported (ORDINAVO_DESK_*)
    are dropped, except the test database URLs, so a test never touches the real home.
    """
    for name in list(os.environ):
        if name.startswith("ORDINAVO_DESK_") and not name.startswith("ORDINAVO_DESK_TEST_"):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    dirs = {
        "ORDINAVO_DESK_DATA_DIR": home / "data" / "ordinavo-desk",
        "XDG_DATA_HOME": home / "data",
        "XDG_CONFIG_HOME": home / "config",
        "XDG_CACHE_HOME": home / "cache",
        "XDG_STATE_HOME": home / "state",
    }
    for name, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(path))
    # Never reach the desktop's secret store from a test.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    # Personal data is stored encrypted: under a test key, here and in subprocesses.
    monkeypatch.setenv("ORDINAVO_DESK_DATA_KEY", TEST_DATA_KEY)
    use_data_key(DataKey(TEST_DATA_KEY.encode("ascii")))
    return home


@pytest.fixture
def pg_url() -> str:
    """The server given by ORDINAVO_DESK_TEST_PG_URL (scripts/run-tests starts one).

    Without it the test is skipped, except in CI, where a missing server is an error.
    """
    url = os.environ.get(PG_URL_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_URL_ENV} is not set in CI; run the suite with scripts/run-tests")
        pytest.skip(f"{PG_URL_ENV} is not set (scripts/run-tests starts a server)")
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite database file in tmp_path."""
    return f"sqlite:///{tmp_path}/desk.sqlite"


@pytest.fixture
def postgres_url(pg_url: str) -> Iterator[str]:
    """A fresh, uniquely named database on the test server, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    from psycopg import sql

    server = make_url(pg_url)
    admin_dsn = server.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"desk_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database of each supported kind: a SQLite file and a PostgreSQL database."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url
