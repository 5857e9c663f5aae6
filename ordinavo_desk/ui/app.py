"""Qt entry point: the application object and the main window (the window's composition root)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ordinavo_desk import __version__
from ordinavo_desk.resources import resource_path
from ordinavo_desk.ui import preferences
from ordinavo_desk.ui.context import DeskContext
from ordinavo_desk.ui.main_window import MainWindow
from ordinavo_desk.ui.theme import apply_theme
from ordinavo_desk.ui.translation import install_translations

_log = logging.getLogger(__name__)

APP_ID = "ordinavo-desk"


def app_icon() -> QIcon:
    """The application icon from resources/icons (an empty icon where it is missing)."""
    path = resource_path("icons", f"{APP_ID}.svg")
    if path is None:
        _log.warning("application icon %s.svg not found", APP_ID)
        return QIcon()
    return QIcon(str(path))


def configure_application(app: QApplication) -> None:
    """Names, version and icon of the application (settings paths follow the names)."""
    app.setOrganizationName("Ordinavo")
    app.setOrganizationDomain("ordinavo.de")
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(app.translate("ordinavo_desk", "Ordinavo Desk"))
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())


def run_app(
    argv: Sequence[str],
    *,
    db_url: str | None,
    profile_summary: str | None,
    context: DeskContext | None = None,
) -> int:
    """Open the main window and run the event loop; returns the exit code."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    configure_application(app)  # first: the preferences live under the application's name
    install_translations(app, preferences.language())
    apply_theme(app, preferences.theme())
    window = MainWindow(db_url=db_url, profile_summary=profile_summary, context=context)
    window.show()
    code = app.exec()
    window.background.wait()
    return code


def render_window(
    argv: Sequence[str],
    context: DeskContext,
    path: Path,
    item_id: int | None,
    *,
    size: tuple[int, int] = (1500, 900),
    language: str = "en",
    theme: str = "light",
    timeout_ms: int = 30_000,
) -> bool:
    """Show the window (offscreen where there is no display) on ``item_id`` or where the
    queue resumes, wait until the item is on screen, save a PNG of it; True if written."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    configure_application(app)
    install_translations(app, language)
    apply_theme(app, theme)
    window = MainWindow(context=context)
    window.resize(*size)
    workspace = window.workspace
    assert workspace is not None
    loop = QEventLoop()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)

    def shown(view: object) -> None:
        if item_id is not None and getattr(view, "item_id", None) != item_id:
            return  # where the queue resumed, before the wanted item
        # let the layout and the map settle before the picture is taken
        QTimer.singleShot(300, loop.quit)

    workspace.item_shown.connect(shown)
    if item_id is not None:
        workspace.open_item(item_id)
    window.show()
    guard.start(timeout_ms)
    loop.exec()
    path.parent.mkdir(parents=True, exist_ok=True)
    written = bool(window.grab().save(str(path)))
    window.close()
    window.background.wait()
    return written
