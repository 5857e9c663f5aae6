"""The command line, run as a real process: exit codes, messages, no Qt unless a window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(
    *args: str, db: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    if db is not None:
        full_env["ORDINAVO_DESK_DB"] = db
    return subprocess.run(
        [sys.executable, "-m", "ordinavo_desk.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def test_version_and_help() -> None:
    from ordinavo_desk import __version__

    result = run("--version")
    assert result.returncode == 0 and __version__ in result.stdout
    result = run("--help")
    assert result.returncode == 0
    for command in ("import", "reference", "profile", "db"):
        assert command in result.stdout


def test_fresh_store_has_a_default_profile_and_import_works(db_url: str, tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    items.write_text('{"externalId": "J1"}\n{"externalId": "J2"}\n', encoding="utf-8")
    result = run("import", str(items), db=db_url)
    assert result.returncode == 0, result.stderr
    assert "2 new" in result.stdout
    listing = run("profile", "list", db=db_url)
    assert listing.stdout.startswith("* default")


def test_db_flag_wins_over_environment(tmp_path: Path) -> None:
    env_db = f"sqlite:///{tmp_path}/env.sqlite"
    flag_db = f"sqlite:///{tmp_path}/flag.sqlite"
    result = run("--db", flag_db, "db", "upgrade", db=env_db)
    assert result.returncode == 0
    assert (tmp_path / "flag.sqlite").exists() and not (tmp_path / "env.sqlite").exists()


def test_default_database_lives_in_the_user_data_dir() -> None:
    result = run("db", "upgrade")
    assert result.returncode == 0
    data_dir = Path(os.environ["ORDINAVO_DESK_DATA_DIR"])
    assert (data_dir / "desk.sqlite").exists()
    assert "schema upgraded" in result.stdout
    assert "up to date" in run("db", "upgrade").stdout


def test_bad_import_exits_2_naming_file_line_field(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"externalId": "J1"}\n', encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"externalId": "J9"}\n{"externalId": "J2", "address": {"longitude": 181}}\n')
    result = run("import", str(good), str(bad))
    assert result.returncode == 2
    assert f"{bad}, line 2, field address.longitude" in result.stderr
    assert "Traceback" not in result.stderr
    assert "1 new" in result.stdout  # the good file was imported on its own


def test_profile_create_use_show(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text(
        json.dumps(
            {
                "tenant": "file-tenant",
                "sourceSystem": "crm",
                "strategy": "ManualOnly",
                "autoCreate": {"customer": True},
                "nameAndAddress": {"threshold": 0.85},
            }
        )
    )
    result = run("profile", "create", "crm", "--tenant", "flag-tenant", "--settings", str(settings),
                 "--scope", "customers.map", "--scope", "targets.write")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert run("profile", "use", "crm").returncode == 0
    shown = run("profile", "show").stdout
    assert "crm (current)" in shown
    assert "flag-tenant" in shown  # flags win over the file
    assert "ManualOnly" in shown and "threshold 0.85" in shown
    assert "customers.map, inbound.targets.write" in shown
    duplicate = run("profile", "create", "crm", "--tenant", "x", "--source-system", "y")
    assert duplicate.returncode == 2 and "exists already" in duplicate.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("profile", "use", "ghost"), "no profile named 'ghost'"),
        (("profile", "create", "p", "--tenant", "t", "--source-system", "s", "--strategy", "Guess"),
         "unknown strategy 'Guess'"),
        (("profile", "create", "p", "--tenant", "t", "--source-system", "s", "--scope", "all"),
         "unknown scope 'all'"),
        (("profile", "create", "p", "--tenant", "t"), "field sourceSystem"),
        (("import", "missing.json"), "missing.json: file not found"),
        (("reference", "load", "missing.json"), "file not found"),
        (("--db", "nonsense://", "profile", "list"), "error:"),
    ],
)  # fmt: skip
def test_user_mistakes_exit_2_without_traceback(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_commands_that_render_nothing_never_import_qt(tmp_path: Path) -> None:
    items = tmp_path / "i.jsonl"
    items.write_text('{"externalId": "J1"}\n', encoding="utf-8")
    code = (
        "import sys; from ordinavo_desk.cli import main; "
        f"rc = main(['import', {str(items)!r}]); "
        "main(['profile', 'list']); main(['profile', 'show']); "
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'; "
        "sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
