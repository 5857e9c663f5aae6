"""The settings window on a real SQLite store: the profiles with the current one marked,
switching, the API key into an in-memory keyring (never shown again, never in the store
or the log), a connection test against the sandbox on 127.0.0.1 off the UI thread, the
rules and scopes read-only with a missing scope marked, the tile settings (off by
default) saved and read back, the appearance preferences, and the keyboard."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import null
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ordinavo_desk.connect.keys import SERVICE_NAME, ApiKeyStore
from ordinavo_desk.domain.map_tiles import OSM_URL_TEMPLATE, TilePreset
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.connection_state import Reachability
from ordinavo_desk.services.desk_settings import DeskSettingsService
from ordinavo_desk.services.profile_service import ProfileService
from ordinavo_desk.services.tile_settings import TileSettingsService
from ordinavo_desk.store.database import Store
from ordinavo_desk.ui import preferences
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.preferences import Language, Theme
from ordinavo_desk.ui.settings_dialog import SettingsDialog
from tests.connect.test_keys import MemoryKeyring
from tests.sandbox.harness import FULL_KEY, MAPPER_KEY, Sandbox, reset_sandbox, running_sandbox
from tests.services.review_harness import local_profile
from tests.ui.conftest import wait_for

SECRET = "fio_live_settings_secret_9876"
#: The profile without customers.write (Create new is forbidden).
NO_WRITE = ["integration.health.read", "customers.map", "customers.read"]


class RecordingService(DeskSettingsService):
    """The real service, noting on which thread each call ran."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calls: list[tuple[str, bool]] = []

    def _note(self, name: str) -> None:
        self.calls.append((name, threading.current_thread() is threading.main_thread()))

    def overview(self) -> Any:
        self._note("overview")
        return super().overview()

    def test(self, name: str) -> Any:
        self._note("test")
        return super().test(name)

    def store_key(self, name: str, key: str) -> Any:
        self._note("store_key")
        return super().store_key(name, key)

    def use(self, name: str) -> Any:
        self._note("use")
        return super().use(name)

    def tiles(self) -> Any:
        self._note("tiles")
        return super().tiles()

    def save_tiles(self, server: Any) -> Any:
        self._note("save_tiles")
        return super().save_tiles(server)


@pytest.fixture(scope="module")
def shared_sandbox() -> Iterator[Sandbox]:
    with running_sandbox() as running:
        yield running


@pytest.fixture
def sandbox(shared_sandbox: Sandbox) -> Iterator[Sandbox]:
    with reset_sandbox(shared_sandbox) as fresh:
        yield fresh


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    try:
        ProfileService(opened).ensure_default()  # "default", the current profile
        local_profile(opened, "acme-live", scopes=NO_WRITE)
        yield opened
    finally:
        opened.dispose()


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def keys(keyring_backend: MemoryKeyring) -> ApiKeyStore:
    return ApiKeyStore(keyring_backend, environ={})


@pytest.fixture
def prefs(tmp_path: Path) -> QSettings:
    """Preferences in a file of the test (never the developer's own settings)."""
    return QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def background() -> Iterator[Background]:
    pool = Background()
    yield pool
    pool.wait()


@pytest.fixture
def themes() -> list[Theme]:
    return []


@pytest.fixture
def open_dialog(
    qtbot: QtBot,
    store: Store,
    keys: ApiKeyStore,
    prefs: QSettings,
    background: Background,
    themes: list[Theme],
    tmp_path: Path,
) -> Callable[..., tuple[SettingsDialog, RecordingService]]:
    def make(key_store: ApiKeyStore | None = None) -> tuple[SettingsDialog, RecordingService]:
        service = RecordingService(
            store, keys=key_store or keys, tile_cache_dir=tmp_path / "tiles", timeout=2.0
        )
        dialog = SettingsDialog(service, background, settings=prefs, apply_theme=themes.append)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        wait_for(lambda: dialog.profile_page.overview is not None)
        wait_for(lambda: dialog.map_page.server is not None)
        wait_for(lambda: background.pending == 0)
        return dialog, service

    return make


def settle(background: Background) -> None:
    background.wait()
    wait_for(lambda: background.pending == 0)


def texts_of(widget: QWidget) -> str:
    """Every text the dialog shows or keeps in a field or tooltip."""
    parts = []
    for child in widget.findChildren(QWidget):
        parts.append(child.toolTip())
        if isinstance(child, QLabel | QLineEdit):
            parts.append(child.text())
    return "\n".join(parts)


def key_click(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None, "nothing has the keyboard"
    QTest.keyClick(target, key, modifier)
    QApplication.processEvents()


# -- profiles --------------------------------------------------------------------------------


def test_the_profiles_are_listed_with_the_current_one_marked(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]], qtmodeltester: Any
) -> None:
    dialog, service = open_dialog()
    page = dialog.profile_page
    qtmodeltester.check(page.model)
    names = [page.model.index(row, 0).data() for row in range(page.model.rowCount())]
    assert names == ["acme-live", "default (in use)"]
    selected = page.selected_entry()
    assert selected is not None and selected.name == "default"  # opens on the current one
    assert not page.use_button.isEnabled()
    assert page.use_button.toolTip() == "This profile is in use"
    assert page.model.index(0, 3).data() == "(local store)"
    assert not page.test_button.isEnabled()  # no server: nothing to test
    assert all(not on_ui_thread for _name, on_ui_thread in service.calls)


def test_using_another_profile_makes_it_current_and_says_so(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]],
    store: Store,
    background: Background,
) -> None:
    dialog, service = open_dialog()
    switched: list[str] = []
    dialog.profile_switched.connect(switched.append)
    page = dialog.profile_page
    assert page.select("acme-live")
    assert page.use_button.isEnabled()
    page.use_button.click()
    wait_for(lambda: switched == ["acme-live"])
    settle(background)
    assert ProfileService(store).get().name == "acme-live"
    wait_for(lambda: page.model.index(0, 0).data() == "acme-live (in use)")
    assert "acme-live is now the profile in use." in page.result_label.text()
    assert ("use", False) in service.calls


def test_the_key_goes_into_the_keyring_and_is_never_shown_again(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]],
    keyring_backend: MemoryKeyring,
    background: Background,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    dialog, service = open_dialog()
    page = dialog.profile_page
    page.select("acme-live")
    assert page.key_state_label.text() == "No key is stored for this profile."
    assert page.key_edit.echoMode() == QLineEdit.EchoMode.Password
    assert not page.store_key_button.isEnabled()
    page.key_edit.setFocus()
    QTest.keyClicks(page.key_edit, SECRET)
    assert page.store_key_button.isEnabled()
    key_click(Qt.Key.Key_Return)  # Enter in the field stores the key
    assert page.key_edit.text() == ""  # gone from the window at once
    settle(background)
    wait_for(lambda: "stored in the system keyring" in page.key_state_label.text())
    assert keyring_backend.secrets == {(SERVICE_NAME, "acme-live"): SECRET}
    assert page.model.index(0, 4).data() == "stored"
    assert ("store_key", False) in service.calls
    # never shown, masked or not, nor kept in the store or the log
    shown = texts_of(dialog)
    assert SECRET not in shown and SECRET[-4:] not in shown
    assert SECRET.encode() not in (tmp_path / "desk.sqlite").read_bytes()
    assert SECRET not in caplog.text


def test_without_a_keyring_the_key_cannot_be_typed_and_the_dialog_says_why(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]],
) -> None:
    dialog, _service = open_dialog(ApiKeyStore(null.Keyring(), environ={}))
    page = dialog.profile_page
    page.select("acme-live")
    assert page.keyring_note.isVisible()
    assert "ORDINAVO_DESK_API_KEY" in page.keyring_note.text()
    assert not page.key_edit.isEnabled()
    assert not page.store_key_button.isEnabled()
    assert page.store_key_button.toolTip() == "No keyring is available on this computer"


def test_a_server_url_is_checked_and_saved(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]],
    store: Store,
    background: Background,
) -> None:
    dialog, _service = open_dialog()
    page = dialog.profile_page
    page.select("acme-live")
    page.url_edit.setText("ftp://nowhere")
    assert page.save_url_button.isEnabled()
    assert not page.test_button.isEnabled() and page.test_button.toolTip() == (
        "This profile has no server (local store)"
    )
    page.save_url_button.click()
    settle(background)
    wait_for(lambda: "This is not a server URL" in page.result_label.text())
    assert ProfileService(store).get("acme-live").base_url is None
    page.url_edit.setText("https://connect.example/api/v1/")
    page.save_url_button.click()
    settle(background)
    wait_for(lambda: page.result_label.text() == "Server URL saved.")
    assert ProfileService(store).get("acme-live").base_url == "https://connect.example/api/v1"
    wait_for(page.test_button.isEnabled)


# -- the connection test ---------------------------------------------------------------------


def _on_sandbox(store: Store, sandbox: Sandbox, keys: ApiKeyStore, key: str) -> Profile:
    profile = ProfileService(store).get("acme-live")
    profile = profile.model_copy(update={"base_url": sandbox.base_url})
    ProfileService(store).save(profile)
    keys.save(profile.name, key)
    return profile


def test_the_connection_test_runs_off_the_ui_thread_and_offers_the_servers_settings(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]],
    store: Store,
    sandbox: Sandbox,
    keys: ApiKeyStore,
    background: Background,
) -> None:
    _on_sandbox(store, sandbox, keys, FULL_KEY)
    dialog, service = open_dialog()
    page = dialog.profile_page
    page.select("acme-live")
    checks: list[Any] = []
    page.tested.connect(checks.append)
    assert page.test_button.isEnabled()
    page.test_button.click()
    assert not page.test_button.isEnabled()  # busy while the server is asked
    assert page.result_label.text().startswith("Asking http://127.0.0.1")
    settle(background)
    wait_for(lambda: bool(checks))
    check = checks[0]
    assert check.reachability is Reachability.ONLINE
    assert ("test", False) in service.calls
    text = page.result_label.text()
    assert "answered in" in text and "tenant acme, source system sap-erp" in text
    assert "The key has every scope the desk uses." in text
    # the server's key has every scope and other settings: the profile can take them
    assert "scopes" in check.drift
    assert page.take_button.isVisible()
    page.take_button.click()
    settle(background)
    wait_for(lambda: page.result_label.text().startswith("Taken from the server:"))
    taken = ProfileService(store).get("acme-live")
    assert taken.settings.auto_create.location  # the sandbox's settings
    assert "customers.write" in {scope.value for scope in taken.settings.scopes}
    wait_for(lambda: not page.take_button.isVisible())
    assert not page.take_button.isVisible()


def test_a_refused_key_and_an_unreachable_server_are_said_plainly(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]],
    store: Store,
    sandbox: Sandbox,
    keys: ApiKeyStore,
    background: Background,
) -> None:
    _on_sandbox(store, sandbox, keys, "fio_test_wrong_0000")
    dialog, _service = open_dialog()
    page = dialog.profile_page
    page.select("acme-live")
    page.test_button.click()
    settle(background)
    wait_for(lambda: page.last_check is not None)
    assert page.last_check is not None
    assert page.last_check.reachability is Reachability.KEY_REFUSED
    assert "refused the API key (HTTP 401)" in page.result_label.text()
    assert not page.take_button.isVisible()

    keys.save("acme-live", MAPPER_KEY)  # lacks customers.write and customers.read
    page.test_button.click()
    settle(background)
    wait_for(lambda: page.last_check is not None and page.last_check.reachability.value == "online")
    assert "The key lacks customers.read, customers.write" in page.result_label.text()


# -- rules and scopes ------------------------------------------------------------------------


def test_the_rules_page_shows_the_strategy_and_marks_a_missing_scope(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]], qtmodeltester: Any
) -> None:
    dialog, _service = open_dialog()
    dialog.profile_page.select("acme-live")
    dialog.show_page("rules")
    rules = dialog.rules_page
    assert rules.heading.text() == "Rules of profile acme-live (acme / sap-erp)"
    assert rules.strategy_label.text() == (
        "External ID, then name and address (ExternalIdThenNameAndAddress)"
    )
    assert rules.threshold_label.text() == "a score of 0.90 (threshold)"
    assert rules.margin_label.text() == "0.08 ahead of any other customer (margin)"
    assert rules.auto_create_label.text() == "customers: no · locations: no · contacts: no"
    assert rules.auto_update_label.text() == "no"
    qtmodeltester.check(rules.scopes_model)
    assert "customers.write" in rules.missing_scopes()
    row = next(r for r, c in enumerate(rules.scopes_model.rows) if c.scope == "customers.write")
    model = rules.scopes_model
    assert model.index(row, 1).data() == "✖ missing"
    assert model.index(row, 2).data().startswith("Lost: Create new and new locations")
    assert model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    granted = next(r for r, c in enumerate(model.rows) if c.scope == "customers.map")
    assert model.index(granted, 1).data() == "✔ granted"
    # what the review window disables, with the missing scope named
    create = rules.action_labels["create"]
    assert not create.isEnabled()
    assert create.toolTip() == "Needs the scope customers.write, which this profile's key lacks."
    assert "(needs customers.write)" in create.text()
    assert rules.action_labels["decide"].isEnabled()
    # read-only: nothing on the page takes input but the table to read
    editable = [w for w in rules.findChildren(QLineEdit)]
    assert editable == []
    dialog.profile_page.select("default")
    assert rules.heading.text().startswith("Rules of profile default")


# -- map tiles -------------------------------------------------------------------------------


def test_tiles_are_off_by_default_and_saved_settings_come_back(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]],
    store: Store,
    background: Background,
    qtbot: QtBot,
) -> None:
    dialog, service = open_dialog()
    dialog.show_page("map")
    page = dialog.map_page
    assert not page.enabled_check.isChecked()
    assert page.status_label.text() == "Map tiles are off."
    assert "where the customer on screen is" in page.warning.text()
    assert not page.save_button.isEnabled()  # nothing changed yet
    assert page.preset() is TilePreset.OPENSTREETMAP
    assert page.url_edit.text() == OSM_URL_TEMPLATE and page.url_edit.isReadOnly()
    assert page.user_agent_label.text().startswith("OrdinavoDesk/")
    assert page.cache_label.text().endswith("tiles")
    assert not TileSettingsService(store).get().enabled

    saved: list[Any] = []
    dialog.tiles_changed.connect(saved.append)
    page.preset_combo.setCurrentIndex(page.preset_combo.findData(TilePreset.CUSTOM.value))
    assert not page.url_edit.isReadOnly()
    page.enabled_check.setChecked(True)
    page.url_edit.setText("https://tiles.example.com/{z}/{y}.png")  # {x} missing
    page.save_button.click()
    assert page.status_label.text().startswith("The URL template must be an http://")
    assert not saved and not TileSettingsService(store).get().enabled

    page.url_edit.setText("https://tiles.example.com/{z}/{x}/{y}.png")
    page.name_edit.setText("Company tiles")
    page.attribution_edit.setText("© Example")
    page.cache_days.setValue(30)
    page.save_button.click()
    settle(background)
    wait_for(lambda: len(saved) == 1)
    assert page.status_label.text() == "Saved: map tiles from Company tiles."
    stored = TileSettingsService(store).get()
    assert stored.enabled and stored.preset is TilePreset.CUSTOM
    assert stored.url_template == "https://tiles.example.com/{z}/{x}/{y}.png"
    assert (stored.name, stored.attribution, stored.cache_days) == (
        "Company tiles",
        "© Example",
        30,
    )
    assert saved[0] == stored
    assert ("save_tiles", False) in service.calls

    dialog.close()
    again, _service = open_dialog()
    page = again.map_page
    assert page.enabled_check.isChecked() and page.preset() is TilePreset.CUSTOM
    assert page.url_edit.text() == "https://tiles.example.com/{z}/{x}/{y}.png"
    assert page.cache_days.value() == 30
    # switched off again: saved off, the custom server remembered
    page.enabled_check.setChecked(False)
    page.save_button.click()
    settle(background)
    wait_for(lambda: page.status_label.text() == "Saved: map tiles are off.")
    assert not TileSettingsService(store).get().enabled


# -- appearance ------------------------------------------------------------------------------


def test_language_and_theme_are_kept_as_preferences_and_the_theme_applies_at_once(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]],
    prefs: QSettings,
    themes: list[Theme],
) -> None:
    dialog, _service = open_dialog()
    dialog.show_page("appearance")
    page = dialog.appearance_page
    assert page.language() is Language.SYSTEM and page.theme() is Theme.SYSTEM
    languages: list[str] = []
    dialog.language_changed.connect(languages.append)
    page.language_combo.setCurrentIndex(page.language_combo.findData("de"))
    assert preferences.language(prefs) is Language.GERMAN
    assert languages == ["de"]
    assert page.language_note.text() == "Saved. Start Ordinavo Desk again to see it in Deutsch."
    page.theme_combo.setCurrentIndex(page.theme_combo.findData("dark"))
    assert preferences.theme(prefs) is Theme.DARK
    assert themes == [Theme.DARK]
    dialog.close()
    again, _service = open_dialog()
    assert again.appearance_page.language() is Language.GERMAN
    assert again.appearance_page.theme() is Theme.DARK


def test_preferences_fall_back_to_the_system_for_unknown_values(prefs: QSettings) -> None:
    assert preferences.language(prefs) is Language.SYSTEM
    prefs.setValue(preferences.LANGUAGE_KEY, "klingon")
    prefs.setValue(preferences.THEME_KEY, 3)
    assert preferences.language(prefs) is Language.SYSTEM
    assert preferences.theme(prefs) is Theme.SYSTEM
    preferences.set_theme("light", prefs)
    assert preferences.theme(prefs) is Theme.LIGHT


# -- the keyboard ----------------------------------------------------------------------------


def test_the_dialog_is_keyboard_navigable(
    open_dialog: Callable[..., tuple[SettingsDialog, RecordingService]],
) -> None:
    dialog, _service = open_dialog()
    dialog.activateWindow()
    wait_for(dialog.isActiveWindow)
    page = dialog.profile_page
    assert QApplication.focusWidget() is page.table
    key_click(Qt.Key.Key_Up)  # the profile above: acme-live
    selected = page.selected_entry()
    assert selected is not None and selected.name == "acme-live"
    reached = []
    for _ in range(12):
        key_click(Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        reached.append(focus.objectName() if focus else "")
    for name in ("serverUrlEdit", "apiKeyEdit", "useButton"):
        assert name in reached, reached
    # Alt and the underlined letter: the server URL field, then the pages
    key_click(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.url_edit
    key_click(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.currentWidget() is dialog.rules_page
    key_click(Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentWidget() is dialog.map_page
    key_click(Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # focuses and ticks the box
    assert QApplication.focusWidget() is dialog.map_page.enabled_check
    wait_for(dialog.map_page.enabled_check.isChecked)
    key_click(Qt.Key.Key_Space)
    assert not dialog.map_page.enabled_check.isChecked()
    key_click(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentWidget() is dialog.appearance_page
    key_click(Qt.Key.Key_Escape)
    wait_for(lambda: not dialog.isVisible())


def test_answers_after_the_dialog_is_gone_are_dropped(
    store: Store, keys: ApiKeyStore, prefs: QSettings, background: Background, tmp_path: Path
) -> None:
    """The window may close while the keyring or the server is still asked."""
    service = DeskSettingsService(store, keys=keys, tile_cache_dir=tmp_path / "tiles")
    dialog = SettingsDialog(service, background, settings=prefs, apply_theme=None)
    dialog.profile_page.reload()
    dialog.map_page.reload()
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    settle(background)  # the answers arrive for widgets that are gone: nothing happens
    assert background.pending == 0
