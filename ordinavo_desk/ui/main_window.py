"""The main window: menus, status bar, and the review queue beside the selected item
(a placeholder when the window has no profile to work with)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk import __version__
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.context import DeskContext
from ordinavo_desk.ui.queue_view import QueueView
from ordinavo_desk.ui.review.review_panel import ReviewPanel
from ordinavo_desk.ui.review.review_workspace import ReviewWorkspace

if TYPE_CHECKING:
    from ordinavo_desk.domain.map_tiles import TileServer
    from ordinavo_desk.services.tile_service import TileFetcher
    from ordinavo_desk.ui.review.sync_bar import SyncBar
    from ordinavo_desk.ui.settings_dialog import SettingsDialog


#: How long the first item is on screen before the rest of the services load.
REST_AFTER_FIRST_ITEM_MS = 500


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
        self.resize(1440, 860)

        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.about_action = QAction(self.tr("&About Ordinavo Desk"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.show_settings)
        self.settings_dialog: SettingsDialog | None = None
        self._tiles: TileFetcher | None = None

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        file_menu.addAction(self.settings_action)
        self.file_menu = file_menu
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        help_menu.addAction(self.about_action)
        self.help_menu = help_menu

        self.context = context
        self.background = Background(self)
        self.workspace: ReviewWorkspace | None = None
        self.sync_bar: SyncBar | None = None
        self._review_menu: QMenu | None = None
        self.queue_view: QueueView | None = None
        self.item_panel: ReviewPanel | None = None
        if context is None:
            self.setCentralWidget(self._placeholder(db_url, profile_summary))
        else:
            self.setCentralWidget(self._review(context))
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.settings_action.setEnabled(context is not None)
        self.statusBar().showMessage(self.tr("Ready"))

    # -- review ----------------------------------------------------------------------------

    def _review(self, context: DeskContext) -> QWidget:
        services = context.services
        workspace = ReviewWorkspace(context, self.background)
        self.workspace = workspace
        self.queue_model = workspace.queue_model
        self.queue_view = workspace.queue_view
        self.item_panel = workspace.panel
        workspace.message.connect(lambda text: self.statusBar().showMessage(text, 8000))

        workspace.recorded.connect(self._recorded)

        self.profile_box = QComboBox()
        self.profile_box.setObjectName("profileSwitcher")
        self.profile_box.setToolTip(self.tr("The profile: tenant, source system and rules"))
        self.profile_box.addItem(context.profile.name, context.profile.name)
        self.profile_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._load_profiles(context)
        self.profile_box.activated.connect(self._profile_chosen)

        if self._review_menu is None:
            self._review_menu = self.menuBar().addMenu(self.tr("&Review"))
            self._review_menu.setObjectName("reviewMenu")
            self.menuBar().insertMenu(self.help_menu.menuAction(), self._review_menu)
        review_menu = self._review_menu
        review_menu.clear()
        for name in ("confirmAction", "locationsAction", "searchAction", "correctAction",
                     "createAction", "rejectAction", "deferAction"):  # fmt: skip
            review_menu.addAction(workspace.actions_by_name[name])
        review_menu.addSeparator()
        for name in ("undoAction", "bulkAction", "revealAction"):
            review_menu.addAction(workspace.actions_by_name[name])
        review_menu.addSeparator()
        for name in ("nextAction", "previousAction"):
            review_menu.addAction(workspace.actions_by_name[name])

        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        top.addWidget(QLabel(self.tr("Profile:")))
        top.addWidget(self.profile_box)
        # the sync strip comes once its services are loaded, off the UI thread (they bring
        # the HTTP client and the decision code, which the first item does not need)
        self._sync_slot = QHBoxLayout()
        self._sync_slot.setContentsMargins(0, 0, 0, 0)
        top.addLayout(self._sync_slot, 1)
        page = QWidget()
        page.setObjectName("reviewPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(workspace, 1)

        # the rest of the services load once the first item has been on screen a moment
        # (loading them meanwhile would compete with it for the interpreter)
        def load_the_rest() -> None:
            self.background.submit(
                services.load_all, lambda _none: self._attach_sync_bar(context), self._show_error
            )

        def first_item_shown(_view: object) -> None:
            workspace.item_shown.disconnect(first_item_shown)
            self._load_tiles(context)
            QTimer.singleShot(REST_AFTER_FIRST_ITEM_MS, self, load_the_rest)

        workspace.item_shown.connect(first_item_shown)
        return page

    def _attach_sync_bar(self, context: DeskContext) -> None:
        if context is not self.context or self.workspace is None:
            return  # another profile by now
        from ordinavo_desk.ui.review.sync_bar import SyncBar  # noqa: PLC0415

        services = context.services
        bar = SyncBar(
            context.profile,
            runner=services.sync,
            connection=services.connection,
            conflicts=services.conflicts,
            parent=self,
        )
        bar.data_changed.connect(self.workspace.queue_model.reload)
        self._sync_slot.addWidget(bar, 1)
        self.file_menu.insertAction(self.quit_action, bar.sync_action)
        self.sync_bar = bar

    def _recorded(self, _recorded: object) -> None:
        if self.sync_bar is not None:
            self.sync_bar.refresh_figures()

    def _load_profiles(self, context: DeskContext) -> None:
        def names() -> list[tuple[str, str]]:
            profiles, _current = context.services.profiles.list()
            return [(p.name, f"{p.name} ({p.tenant} / {p.source_system})") for p in profiles]

        def show(found: list[tuple[str, str]]) -> None:
            self.profile_box.clear()
            for name, label in found:
                self.profile_box.addItem(label, name)
            self.profile_box.setCurrentIndex(self.profile_box.findData(context.profile.name))

        self.background.submit(names, show, self._show_error)

    def _profile_chosen(self, index: int) -> None:
        context = self.context
        name = self.profile_box.itemData(index)
        if context is None or not name or name == context.profile.name:
            return
        self.background.submit(
            lambda: context.services.profiles.use(str(name)),
            self.switch_profile,
            self._show_error,
        )

    def switch_profile(self, profile: Profile) -> None:
        """Show the queue of another profile (its tenant, source system and rules)."""
        assert self.context is not None
        old_bar, self.sync_bar = self.sync_bar, None
        if old_bar is not None:
            old_bar.wait()
            self.file_menu.removeAction(old_bar.sync_action)
        self.context = self.context.with_profile(profile)
        self.setCentralWidget(self._review(self.context))
        if old_bar is not None:
            old_bar.deleteLater()
        self.statusBar().showMessage(
            self.tr("Profile {name}: tenant {tenant}.").format(
                name=profile.name, tenant=profile.tenant
            ),
            8000,
        )

    def _show_error(self, error: object) -> None:
        self.statusBar().showMessage(self.tr("Error: {error}").format(error=error))

    # -- settings --------------------------------------------------------------------------

    def show_settings(self) -> SettingsDialog | None:
        """Open the settings (window-modal, not blocking) and return the dialog."""
        context = self.context
        if context is None:
            return None
        dialog = self.settings_dialog
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        from ordinavo_desk.ui.settings_dialog import SettingsDialog  # noqa: PLC0415

        dialog = SettingsDialog(context.services.settings, self.background, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.profile_switched.connect(self._profile_switched)
        dialog.tiles_changed.connect(self._use_tiles)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _profile_switched(self, name: str) -> None:
        context = self.context
        if context is None or name == context.profile.name:
            return
        self.background.submit(
            lambda: context.services.profiles.get(name), self.switch_profile, self._show_error
        )

    def _load_tiles(self, context: DeskContext) -> None:
        """Tiles are off until someone switches them on in the settings."""
        services = context.services

        def tiles() -> TileServer:
            return services.tile_settings.get()

        self.background.submit(tiles, self._use_tiles, self._show_error)

    def _use_tiles(self, server: TileServer) -> None:
        panel = self.item_panel
        if panel is None:
            return
        old, self._tiles = self._tiles, None
        if server.enabled:
            from ordinavo_desk.services.tile_service import TileFetcher  # noqa: PLC0415

            self._tiles = TileFetcher(server)
            panel.map.set_tile_source(self._tiles, server.attribution)
        else:
            panel.map.set_tile_source(None)
        if old is not None:
            panel.map.wait_for_tiles()
            old.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.sync_bar is not None:
            self.sync_bar.wait()
        if self.item_panel is not None:
            self.item_panel.map.wait_for_tiles()
        if self._tiles is not None:
            self._tiles.close()
        super().closeEvent(event)

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
