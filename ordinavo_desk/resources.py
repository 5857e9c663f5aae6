"""Where the files under the top-level ``resources/`` directory are found at run time."""

from __future__ import annotations

import sys
from pathlib import Path

_APP_DIR_NAME = "ordinavo-desk"


def _resource_roots() -> list[Path]:
    roots = []
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle
    if bundle:
        roots.append(Path(bundle) / "resources")
    # A checkout or editable install: resources/ sits beside the package directory.
    roots.append(Path(__file__).resolve().parents[1] / "resources")
    # An installation that ships the resources as data files.
    roots.append(Path(sys.prefix) / "share" / _APP_DIR_NAME / "resources")
    return roots


def resource_path(*parts: str) -> Path | None:
    """The path of ``resources/<parts…>``, or None where this installation lacks it."""
    for root in _resource_roots():
        candidate = root.joinpath(*parts)
        if candidate.is_file():
            return candidate
    return None
