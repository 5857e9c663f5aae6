"""The settings window: the Profile, Rules, Map and Appearance pages on four tabs.

Everything that touches the store, the keyring or the network goes through
``DeskSettingsService`` on the ``Background`` pool; the pages only show what comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from ordinavo_desk.services.desk_settings import DeskSettingsService
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.preferences import Theme
from ordinavo_desk.ui.settings.appearance_page import AppearancePage, apply_to_app
from ordinavo_desk.ui.settings.map_page import MapPage
from ordinavo_desk.ui.settings.profile_page import ProfilePage
from ordinavo_desk.ui.settings.rules_page import RulesPage


class SettingsDialog(QDialog):
    """Profiles, rules, map and appearance on four tabs (Ctrl+Tab, or Alt with the
    underlined letter). Changes are saved as they are made; Close (Escape) closes."""

    #: The current profile changed (its name): the window should work with it now.
    profile_switched = Signal(str)
    #: The tile settings were saved (the TileServer).
    tiles_changed = Signal(object)
    #: The language preference changed ("system", "en", "de"): shows after a restart.
    language_changed = Signal(str)
    #: The theme changed ("system", "light", "dark"); it is applied already.
    theme_changed = Signal(str)

    PAGES: Sequence[str] = ("profile", "rules", "map", "appearance")

    def __init__(
        self,
        service: DeskSettingsService,
        background: Background,
        *,
        settings: QSettings | None = None,
        apply_theme: Callable[[Theme], None] | None = apply_to_app,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.resize(860, 640)
        self.service = service
        self.background = background

        self.profile_page = ProfilePage(service, background)
        self.rules_page = RulesPage()
        self.map_page = MapPage(service, background)
        self.appearance_page = AppearancePage(settings, apply_theme)
        self.profile_page.selected.connect(self.rules_page.show_profile)
        self.profile_page.switched.connect(self.profile_switched)
        self.map_page.saved.connect(self.tiles_changed)
        self.appearance_page.language_changed.connect(self.language_changed)
        self.appearance_page.theme_changed.connect(self.theme_changed)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self.profile_page, self.tr("&Profile"))
        self.tabs.addTab(self.rules_page, self.tr("&Rules"))
        self.tabs.addTab(self.map_page, self.tr("&Map"))
        self.tabs.addTab(self.appearance_page, self.tr("&Appearance"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("settingsButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        close.setDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

        self.profile_page.reload()
        self.map_page.reload()
        self.profile_page.table.setFocus()

    def show_page(self, name: str) -> None:
        """Show the page ``profile``, ``rules``, ``map`` or ``appearance``."""
        self.tabs.setCurrentIndex(list(self.PAGES).index(name))
