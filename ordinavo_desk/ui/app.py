"""Qt entry point: the application object and the main window (the window's composition root)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ordinavo_desk import __version__
from ordinavo_desk.resources import resource_path
from ordinavo_desk.ui.context import DeskContext
from ordinavo_desk.ui.main_window import MainWindow

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
    configure_application(app)
    window = MainWindow(db_url=db_url, profile_summary=profile_summary, context=context)
    window.show()
    code = app.exec()
    window.background.wait()
    return code
