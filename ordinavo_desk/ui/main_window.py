"""The main window: menus, status bar and, for now, a placeholder for the review queue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk import __version__


class MainWindow(QMainWindow):
    """Top-level window of Ordinavo Desk.

    ``db_url`` and ``profile_summary`` are shown as given: callers pass display strings
    (a database URL without its password).
    """

    def __init__(
        self,
        *,
        db_url: str | None = None,
        profile_summary: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Ordinavo Desk"))
        self.resize(960, 600)

        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.about_action = QAction(self.tr("&About Ordinavo Desk"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        help_menu.addAction(self.about_action)

        self.setCentralWidget(self._placeholder(db_url, profile_summary))
        self.statusBar().showMessage(self.tr("Ready"))

    def _placeholder(self, db_url: str | None, profile_summary: str | None) -> QWidget:
        not_set = self.tr("(not set)")
        heading = QLabel(self.tr("Review queue"))
        heading.setObjectName("placeholderHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)

        note = QLabel(self.tr("The review queue arrives in a later version of Ordinavo Desk."))
        note.setObjectName("placeholderNote")

        self.database_label = self._value_label("databaseLabel", db_url or not_set)
        self.profile_label = self._value_label("profileLabel", profile_summary or not_set)
        form = QFormLayout()
        form.addRow(self.tr("Database:"), self.database_label)
        form.addRow(self.tr("Profile:"), self.profile_label)

        icon = QLabel()
        icon.setPixmap(self.windowIcon().pixmap(64, 64))

        box = QWidget()
        box.setMaximumWidth(640)
        layout = QVBoxLayout(box)
        layout.addWidget(icon)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addSpacing(12)
        layout.addLayout(form)

        page = QWidget()
        page.setObjectName("reviewQueuePlaceholder")
        outer = QVBoxLayout(page)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        return page

    @staticmethod
    def _value_label(name: str, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_about(self) -> QMessageBox:
        """Open the About box without blocking (window-modal) and return it."""
        box = QMessageBox(self)
        box.setObjectName("aboutDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowTitle(self.tr("About Ordinavo Desk"))
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Ordinavo Desk {version}").format(version=__version__))
        box.setInformativeText(
            self.tr(
                "Review how Ordinavo Connect imports are mapped to customers, "
                "locations and contacts."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()
        return box
