"""Render the documentation screenshots under docs/screenshots/ (offscreen, no display needed).

Run from the repository root: `.venv/bin/python scripts/screenshots.py`

The review window is shown on a store built from the bundled demo world (in a temporary
directory), with the demo profile "name-and-address" and an item selected.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from ordinavo_desk.services.demo_service import build_demo_store, demo_world
from ordinavo_desk.services.desk_services import open_services
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.personal_data import DataKey, use_data_key
from ordinavo_desk.ui.app import configure_application
from ordinavo_desk.ui.context import DeskContext
from ordinavo_desk.ui.main_window import MainWindow

OUT_DIR = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _settle(app: QApplication, condition: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def main() -> int:
    use_data_key(DataKey(DataKey.generate()))  # a throwaway store
    app = QApplication(sys.argv[:1])
    configure_application(app)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "demo.sqlite"
        build_demo_store(path, demo_world())
        store = Store(f"sqlite:///{path}")
        profile = ProfileService(store).get()
        context = DeskContext(profile, open_services(store))
        window = MainWindow(context=context)
        window.resize(1400, 760)
        window.show()
        model = window.queue_model
        _settle(app, lambda: model.rowCount() > 0 and model.is_loaded(0))
        assert window.queue_view is not None and window.item_panel is not None
        window.queue_view.table.selectRow(1)
        panel = window.item_panel
        _settle(app, lambda: panel.title.text().startswith("JOB-"))
        _settle(app, lambda: "reviewed" in window.queue_view.progress.text())  # type: ignore[union-attr]
        target = OUT_DIR / "review-queue.png"
        ok = window.grab().save(str(target))
        window.close()
        window.background.wait()
        store.dispose()
    if not ok:
        print(f"could not write {target}", file=sys.stderr)
        return 1
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
