"""Render the documentation screenshots under docs/screenshots/ (offscreen, no display
needed), each with ``ordinavo-desk demo --screenshot`` on a demo store of its own:

- review-queue.png: the queue and the first item to review;
- compare-and-map.png: an item whose address differs from the candidate's (differences
  marked within the values), its candidates and the map;
- review-german.png: the same window in German;
- review-dark.png: the dark theme;
- conflict.png: the conflicts dialog on a real conflict (rendered by its test against the
  sandbox, tests/ui/test_conflicts_dialog.py).

Run from the repository root: ``.venv/bin/python scripts/screenshots.py``
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "docs" / "screenshots"
DESK = [sys.executable, "-m", "ordinavo_desk.cli"]

SHOTS: tuple[tuple[str, list[str]], ...] = (
    ("review-queue.png", []),
    ("compare-and-map.png", ["--item", "JOB-2026-000003"]),
    ("review-german.png", ["--item", "JOB-2026-000002", "--language", "de"]),
    ("review-dark.png", ["--item", "JOB-2026-000012", "--theme", "dark"]),
)


def main() -> int:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": home,
            "XDG_DATA_HOME": str(Path(home) / "data"),
            "XDG_CONFIG_HOME": str(Path(home) / "config"),
            "XDG_CACHE_HOME": str(Path(home) / "cache"),
            "ORDINAVO_DESK_DATA_KEY": Fernet.generate_key().decode(),  # a throwaway store
        }
        for name, extra in SHOTS:
            target = OUT_DIR / name
            subprocess.run(
                [*DESK, "demo", "--screenshot", str(target), *extra], check=True, env=env
            )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORDINAVO_DESK_SCREENSHOTS": str(OUT_DIR)}
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/ui/test_conflicts_dialog.py", "-k", "both_sides"],
        check=True, env=env, cwd=ROOT,
    )  # fmt: skip
    print(OUT_DIR / "conflict.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
