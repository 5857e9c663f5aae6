"""Render the documentation screenshots under docs/screenshots/ (offscreen, no display needed).

Run from the repository root: `.venv/bin/python scripts/screenshots.py`
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from ordinavo_desk.ui.app import configure_application
from ordinavo_desk.ui.main_window import MainWindow

OUT_DIR = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    app = QApplication(sys.argv[:1])
    configure_application(app)
    OUT_DIR.mkdir(parents=True, exist_ok=True)

    window = MainWindow(
        db_url="sqlite:///~/.local/share/ordinavo-desk/desk.sqlite",
        profile_summary="Demo · tenant acme · source sap · sandbox server",
    )
    window.resize(900, 560)
    window.show()
    app.processEvents()
    target = OUT_DIR / "main-window.png"
    if not window.grab().save(str(target)):
        print(f"could not write {target}", file=sys.stderr)
        return 1
    print(target)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
