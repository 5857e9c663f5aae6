from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from ordinavo_desk import __version__
from ordinavo_desk.ui.app import app_icon, run_app
from ordinavo_desk.ui.main_window import MainWindow


def make_window(
    qtbot: QtBot, db_url: str | None = None, profile_summary: str | None = None
) -> MainWindow:
    window = MainWindow(db_url=db_url, profile_summary=profile_summary)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_opens_with_title_menus_and_status_bar(qtbot: QtBot) -> None:
    window = make_window(qtbot)

    assert window.isVisible()
    assert window.windowTitle() == "Ordinavo Desk"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Help"]
    assert window.findChild(QAction, "quitAction") is window.quit_action
    assert window.findChild(QAction, "aboutAction") is window.about_action
    assert window.statusBar().currentMessage() == "Ready"


def test_placeholder_shows_database_and_profile(qtbot: QtBot) -> None:
    window = make_window(
        qtbot,
        db_url="postgresql+psycopg://desk:***@db.example:5432/desk",
        profile_summary="acme · sap · sandbox",
    )

    note = window.findChild(QLabel, "placeholderNote")
    assert note is not None
    assert "later version" in note.text()
    assert window.database_label.text() == "postgresql+psycopg://desk:***@db.example:5432/desk"
    assert window.profile_label.text() == "acme · sap · sandbox"


def test_placeholder_without_database_or_profile(qtbot: QtBot) -> None:
    window = make_window(qtbot)

    assert window.database_label.text() == "(not set)"
    assert window.profile_label.text() == "(not set)"


def test_about_shows_version_without_blocking(qtbot: QtBot) -> None:
    window = make_window(qtbot)

    window.about_action.trigger()

    box = window.findChild(QMessageBox, "aboutDialog")
    assert box is not None
    qtbot.waitExposed(box)
    assert __version__ in box.text()
    with qtbot.waitSignal(box.finished):
        box.button(QMessageBox.StandardButton.Close).click()


def test_quit_closes_the_window(qtbot: QtBot) -> None:
    window = make_window(qtbot)

    window.quit_action.trigger()

    assert not window.isVisible()


def test_application_icon_is_found() -> None:
    assert not app_icon().isNull()


def test_run_app_shows_window_and_returns_exit_code(qapp: QApplication) -> None:
    seen: list[str] = []

    def close_windows() -> None:
        seen.extend(w.windowTitle() for w in qapp.topLevelWidgets() if w.isVisible())
        qapp.closeAllWindows()
        qapp.exit(0)

    QTimer.singleShot(0, close_windows)

    assert run_app([], db_url="sqlite:///desk.sqlite", profile_summary=None) == 0
    assert seen == ["Ordinavo Desk"]
    assert qapp.applicationName() == "ordinavo-desk"
    assert qapp.applicationVersion() == __version__
