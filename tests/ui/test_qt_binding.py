"""The Qt binding the desk runs on keeps Python's reference counts intact: a binding that
loses a reference to None on each call (PySide6 6.12.0 under CPython 3.11) aborts the
process after a few thousand calls, so a long review session would crash."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_calls_into_qt_keep_the_reference_count_of_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(500):
        label.setText(str(n))
        label.setToolTip(str(n))
    after = sys.getrefcount(None)
    # other threads may hold or drop a few references meanwhile; a leaking binding loses
    # one per call (1,000 here)
    assert after > before - 200, f"None lost {before - after} references over 1,000 calls"
