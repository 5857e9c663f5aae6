"""The main window: menus, status bar, and the review queue beside the selected item
(a placeholder when the window has no profile to work with)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk import __version__
from ordinavo_desk.services.queue_service import QueueFilter, QueueRow, QueueSort
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.context import DeskContext
from ordinavo_desk.ui.item_panel import ItemPanel
from ordinavo_desk.ui.queue_model import QueueTableModel
from ordinavo_desk.ui.queue_view import QueueView


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
        context: DeskContext | None = None,
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

        self.context = context
        self.background = Background(self)
        self.queue_view: QueueView | None = None
        self.item_panel: ItemPanel | None = None
        if context is None:
            self.setCentralWidget(self._placeholder(db_url, profile_summary))
        else:
            self.setCentralWidget(self._review(context))
        self.statusBar().showMessage(self.tr("Ready"))

    # -- review ----------------------------------------------------------------------------

    def _review(self, context: DeskContext) -> QWidget:
        profile = context.profile
        self._filter = QueueFilter()

        def count() -> int:
            return context.queue.count(profile, self._filter)

        def page(sort: QueueSort, descending: bool, offset: int, limit: int) -> list[QueueRow]:
            return list(
                context.queue.page(
                    profile, self._filter, sort=sort, descending=descending,
                    offset=offset, limit=limit,
                ).rows
            )  # fmt: skip

        self.queue_model = QueueTableModel(count, page, self.background, self)
        self.queue_view = QueueView(self.queue_model)
        self.item_panel = ItemPanel()
        self.queue_view.filter_changed.connect(self._filter_changed)
        self.queue_view.item_selected.connect(self._item_selected)
        self.queue_model.loaded.connect(lambda _count: self._refresh_progress())
        self.queue_model.failed.connect(self._show_error)
        splitter = QSplitter()
        splitter.setObjectName("reviewSplitter")
        splitter.addWidget(self.queue_view)
        splitter.addWidget(self.item_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.queue_model.reload()
        return splitter

    def _filter_changed(self, wanted: QueueFilter) -> None:
        self._filter = wanted
        self.queue_model.reload()

    def _refresh_progress(self) -> None:
        context, view = self.context, self.queue_view
        assert context is not None and view is not None
        self.background.submit(
            lambda: context.queue.progress(context.profile),
            lambda progress: view.show_progress(progress.reviewed, progress.total),
            self._show_error,
        )

    def _item_selected(self, item_id: int | None) -> None:
        context, panel = self.context, self.item_panel
        assert context is not None and panel is not None
        if item_id is None:
            panel.show_item(None)
            return
        self.background.submit(
            lambda: context.review.item(context.profile, item_id),
            panel.show_item,
            self._show_error,
        )

    def _show_error(self, error: object) -> None:
        self.statusBar().showMessage(self.tr("Error: {error}").format(error=error))

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
