"""The settings window: profiles (server, API key, connection test), the profile's rules
and scopes (read-only), the map's tile server, and the window's language and theme.

Everything that touches the store, the keyring or the network goes through
``DeskSettingsService`` on the ``Background`` pool; the pages only show what comes back.
The API key is typed into a password field, handed to the keyring and cleared: it is never
shown again, only whether one is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.enums import SafeFallback, Scope, Strategy
from ordinavo_desk.domain.errors import InputError, SettingsError
from ordinavo_desk.domain.map_tiles import (
    OSM_ATTRIBUTION,
    OSM_URL_TEMPLATE,
    TilePreset,
    TileServer,
    check_url_template,
    openstreetmap_preset,
    tile_server_from,
)
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.services.connection_state import Reachability
from ordinavo_desk.services.desk_settings import (
    ConnectionCheck,
    DeskSettingsService,
    KeyState,
    ProfileEntry,
    ProfileOverview,
    ServerSettingsTaken,
    scope_capabilities,
)
from ordinavo_desk.services.scope_capabilities import Capability
from ordinavo_desk.ui import preferences
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.preferences import Language, Theme
from ordinavo_desk.ui.rows_model import RowsModel
from ordinavo_desk.ui.theme import apply_theme, is_dark
from ordinavo_desk.ui.translation import resolve_language

API_KEY_ENV = "ORDINAVO_DESK_API_KEY"
OSM_POLICY_URL = "https://operations.osmfoundation.org/policies/tiles/"


def _submit(
    owner: QWidget,
    background: Background,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None],
) -> None:
    """``background.submit`` whose answer is dropped when ``owner`` is gone meanwhile
    (the window was closed while the server was still asked)."""

    def deliver(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            if shiboken6.isValid(owner):
                callback(value)

        return call

    background.submit(work, deliver(done), deliver(failed))


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def _note(name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.92)
    label.setFont(font)
    return label


class _FormGrid(QGridLayout):
    """Captions beside fields, like QFormLayout, but word-wrapped notes get the height
    their lines need (QFormLayout gives them room for an extra line). With
    ``stretch_fields`` False the fields keep their natural width."""

    def __init__(self, *, stretch_fields: bool = True) -> None:
        super().__init__()
        self.setHorizontalSpacing(12)
        self.setVerticalSpacing(6)
        self._span = 1 if stretch_fields else 2
        self.setColumnStretch(1 if stretch_fields else 2, 1)

    def addRow(self, caption: str | QLabel, field: QWidget | QLayout) -> None:
        row = self.rowCount()
        label = QLabel(caption) if isinstance(caption, str) else caption
        wraps = isinstance(field, QLabel) and field.wordWrap()
        vertical = Qt.AlignmentFlag.AlignTop if wraps else Qt.AlignmentFlag.AlignVCenter
        self.addWidget(label, row, 0, Qt.AlignmentFlag.AlignLeft | vertical)
        if isinstance(field, QWidget):
            span = self._span if wraps or isinstance(field, QLineEdit) else 1
            self.addWidget(field, row, 1, 1, span)
        else:
            self.addLayout(field, row, 1, 1, self._span)


def _button(name: str, text: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)  # Enter in a field acts on that field, never on a button
    return button


def _number(value: float, decimals: int = 2) -> str:
    """A number with the decimal separator of the current locale ("0,90" in German)."""
    return QLocale().toString(value, "f", decimals)


def _yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("RulesPage", "yes")
        if value
        else QCoreApplication.translate("RulesPage", "no")
    )


# -- words for the profile's rules and scopes ------------------------------------------------


def strategy_text(strategy: Strategy) -> tuple[str, str]:
    """The strategy's name and what it does, in the reviewer's language."""
    texts = {
        Strategy.EXTERNAL_ID_ONLY: (
            QCoreApplication.translate("RulesPage", "External ID only"),
            QCoreApplication.translate(
                "RulesPage",
                "Only the item's external references link records; everything else "
                "waits for a person.",
            ),
        ),
        Strategy.EXTERNAL_ID_FIRST: (
            QCoreApplication.translate("RulesPage", "External ID first, then the safe fallbacks"),
            QCoreApplication.translate(
                "RulesPage",
                "External references first, then the safe fallbacks in their order; an "
                "ambiguity waits for a person.",
            ),
        ),
        Strategy.EXTERNAL_ID_THEN_CUSTOMER_NUMBER: (
            QCoreApplication.translate("RulesPage", "External ID, then customer number"),
            QCoreApplication.translate(
                "RulesPage",
                "External references first, then the customer number; a number several "
                "customers share waits for a person.",
            ),
        ),
        Strategy.EXTERNAL_ID_THEN_NAME_AND_ADDRESS: (
            QCoreApplication.translate("RulesPage", "External ID, then name and address"),
            QCoreApplication.translate(
                "RulesPage",
                "External references first, then name and address scored against the "
                "thresholds below; look-alikes wait for a person.",
            ),
        ),
        Strategy.MANUAL_ONLY: (
            QCoreApplication.translate("RulesPage", "Manual only"),
            QCoreApplication.translate(
                "RulesPage",
                "Nothing is linked automatically; candidates are ranked for a person to decide.",
            ),
        ),
    }
    return texts[strategy]


def fallback_text(fallback: SafeFallback) -> str:
    return {
        SafeFallback.CUSTOMER_NUMBER: QCoreApplication.translate("RulesPage", "customer number"),
        SafeFallback.EXACT_NAME_AND_ADDRESS: QCoreApplication.translate(
            "RulesPage", "exact name and address"
        ),
    }[fallback]


def scope_texts(scope: str) -> tuple[str, str] | None:
    """What a scope allows and what is lost without it (services/scope_capabilities.py
    says the same in English for the command line); None for a scope without words."""
    nothing = QCoreApplication.translate("ScopeTexts", "nothing the desk uses")
    texts: dict[str, tuple[str, str]] = {
        Scope.INTEGRATION_HEALTH_READ: (
            QCoreApplication.translate(
                "ScopeTexts",
                "check the connection and read the key's tenant, scopes and mapping settings",
            ),
            QCoreApplication.translate(
                "ScopeTexts",
                "the connection test and taking the server's settings cannot read what "
                "the key may do",
            ),
        ),
        Scope.CUSTOMERS_MAP: (
            QCoreApplication.translate(
                "ScopeTexts",
                "pull the review queue with each item's mapping, and decide items "
                "(Confirm, Choose, Reject, Defer, Revert)",
            ),
            QCoreApplication.translate(
                "ScopeTexts", "no review items are pulled and no decision can be written back"
            ),
        ),
        Scope.CUSTOMERS_READ: (
            QCoreApplication.translate(
                "ScopeTexts",
                "pull the tenant's customers, locations, contacts and external references; "
                "see record ids and ranked candidates",
            ),
            QCoreApplication.translate(
                "ScopeTexts",
                "no reference data is pulled; answers carry statuses and warnings only, so "
                "the desk ranks candidates itself from the reference data it has",
            ),
        ),
        Scope.CUSTOMERS_WRITE: (
            QCoreApplication.translate(
                "ScopeTexts",
                "decisions that create customers, locations or contacts, and storing the "
                "decided external references",
            ),
            QCoreApplication.translate(
                "ScopeTexts",
                "Create new and new locations or contacts are refused; Choose links the "
                "item but stores no external reference",
            ),
        ),
        Scope.INBOUND_TARGETS_WRITE: (
            QCoreApplication.translate(
                "ScopeTexts",
                "import one target; the write-back to a server without the review extension",
            ),
            QCoreApplication.translate(
                "ScopeTexts",
                "targets cannot be imported one by one (nor written back to a plain v1 server)",
            ),
        ),
        Scope.INBOUND_TARGETS_BATCH_WRITE: (
            QCoreApplication.translate("ScopeTexts", "import batches of targets"),
            QCoreApplication.translate("ScopeTexts", "targets cannot be imported in batches"),
        ),
        Scope.IMPORT_JOBS_READ: (
            QCoreApplication.translate("ScopeTexts", "read import jobs and their item results"),
            QCoreApplication.translate(
                "ScopeTexts", "the results of earlier imports cannot be read back"
            ),
        ),
        Scope.ROUTE_SUGGESTIONS_CREATE: (
            QCoreApplication.translate("ScopeTexts", "create route suggestions"),
            nothing,
        ),
        Scope.ROUTE_SUGGESTIONS_READ: (
            QCoreApplication.translate("ScopeTexts", "read route suggestions"),
            nothing,
        ),
        Scope.WEBHOOKS_READ: (
            QCoreApplication.translate("ScopeTexts", "read webhook subscriptions"),
            nothing,
        ),
        Scope.WEBHOOKS_MANAGE: (
            QCoreApplication.translate("ScopeTexts", "create and change webhook subscriptions"),
            nothing,
        ),
        Scope.WEBHOOK_DELIVERIES_READ: (
            QCoreApplication.translate("ScopeTexts", "read webhook deliveries"),
            nothing,
        ),
    }
    return texts.get(scope)


def _allows(capability: Capability) -> str:
    texts = scope_texts(capability.scope)
    return texts[0] if texts else capability.allows


def _without(capability: Capability) -> str:
    texts = scope_texts(capability.scope)
    return texts[1] if texts else capability.without


def review_actions() -> tuple[tuple[str, str, Scope], ...]:
    """What the review window does: (key, words, the scope it needs; disabled there
    without it)."""
    return (
        (
            "decide",
            QCoreApplication.translate("RulesPage", "Confirm, Choose, Reject, Defer and Undo"),
            Scope.CUSTOMERS_MAP,
        ),
        (
            "sync",
            QCoreApplication.translate("RulesPage", "Pull the review queue and send decisions"),
            Scope.CUSTOMERS_MAP,
        ),
        (
            "create",
            QCoreApplication.translate("RulesPage", "Create new customers, locations and contacts"),
            Scope.CUSTOMERS_WRITE,
        ),
        (
            "references",
            QCoreApplication.translate("RulesPage", "Store the decided external references"),
            Scope.CUSTOMERS_WRITE,
        ),
        (
            "reference",
            QCoreApplication.translate(
                "RulesPage", "Pull reference data (customers, locations, contacts)"
            ),
            Scope.CUSTOMERS_READ,
        ),
        (
            "test",
            QCoreApplication.translate("RulesPage", "Test the connection"),
            Scope.INTEGRATION_HEALTH_READ,
        ),
    )


# -- the Profile page ------------------------------------------------------------------------


class ProfilePage(QWidget):
    """The profiles; for the selected one its server, key and a connection test."""

    #: The selected profile (or None): the Rules page follows it.
    selected = Signal(object)
    #: A profile was made the current one (its name).
    switched = Signal(str)
    #: The overview was (re)loaded (tests wait on it).
    loaded = Signal()
    #: A connection test finished (the ConnectionCheck).
    tested = Signal(object)

    def __init__(
        self,
        service: DeskSettingsService,
        background: Background,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profilePage")
        self.service = service
        self.background = background
        self.overview: ProfileOverview | None = None
        self.last_check: ConnectionCheck | None = None
        self._wanted: str | None = None
        self._reloading = False
        self._shown_name: str | None = None

        self.model: RowsModel[ProfileEntry] = RowsModel(
            [
                (self.tr("Profile"), self._name_text),
                (self.tr("Tenant"), lambda e: e.profile.tenant),
                (self.tr("Source system"), lambda e: e.profile.source_system),
                (self.tr("Server"), lambda e: e.profile.base_url or self.tr("(local store)")),
                (self.tr("API key"), lambda e: self.key_state_text(e.key, short=True)),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("profileTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(170)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.name_label = _value_label("profileNameLabel")
        self.tenant_label = _value_label("profileTenantLabel")

        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("serverUrlEdit")
        self.url_edit.setPlaceholderText(self.tr("https://… (empty: local store, no server)"))
        self.url_edit.textChanged.connect(self._url_edited)
        self.url_edit.returnPressed.connect(self.save_url)
        self.save_url_button = _button("saveUrlButton", self.tr("Save URL"))
        self.save_url_button.clicked.connect(self.save_url)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.save_url_button)

        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("apiKeyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("Paste a new API key"))
        self.key_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.key_edit.returnPressed.connect(self.store_key)
        self.store_key_button = _button("storeKeyButton", self.tr("Store in keyring"))
        self.store_key_button.clicked.connect(self.store_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.store_key_button)
        self.key_state_label = _value_label("keyStateLabel")

        self.test_button = _button("testButton", self.tr("&Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.take_button = _button("takeServerButton", self.tr("Take the server's settings"))
        self.take_button.setToolTip(
            self.tr(
                "Connect the profile again: the server's tenant, scopes and mapping "
                "settings replace the profile's"
            )
        )
        self.take_button.clicked.connect(self.take_server_settings)
        self.take_button.hide()
        self.use_button = _button("useButton", self.tr("&Use this profile"))
        self.use_button.clicked.connect(self.use_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addWidget(self.take_button)
        actions.addStretch(1)
        actions.addWidget(self.use_button)

        self.result_label = _value_label("testResultLabel")
        self.result_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        form = _FormGrid()
        form.addRow(self.tr("Profile:"), self.name_label)
        form.addRow(self.tr("Tenant / source:"), self.tenant_label)
        url_caption = QLabel(self.tr("&Server URL:"))
        url_caption.setBuddy(self.url_edit)
        form.addRow(url_caption, url_row)
        key_caption = QLabel(self.tr("API &key:"))
        key_caption.setBuddy(self.key_edit)
        form.addRow(key_caption, key_row)
        form.addRow("", self.key_state_label)

        self.keyring_note = _note(
            "keyringNote",
            self.tr(
                "No keyring is available on this computer, so an API key cannot be stored "
                "securely (it is never written to a file). For scripted use, set {env} in "
                "the environment."
            ).format(env=API_KEY_ENV),
        )
        self.keyring_note.hide()

        details = QGroupBox(self.tr("Selected profile"))
        details.setObjectName("profileDetails")
        details_layout = QVBoxLayout(details)
        details_layout.addLayout(form)
        details_layout.addWidget(self.keyring_note)
        details_layout.addLayout(actions)
        details_layout.addWidget(self.result_label, 1)

        caption = QLabel(self.tr("Profi&les:"))
        caption.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.table)
        layout.addWidget(details, 1)
        self._busy = False
        self._update_buttons()

    # -- texts ---------------------------------------------------------------------------

    def _name_text(self, entry: ProfileEntry) -> str:
        if entry.current:
            return self.tr("{name} (in use)").format(name=entry.name)
        return entry.name

    def key_state_text(self, state: KeyState, *, short: bool = False) -> str:
        if short:
            return {
                KeyState.KEYRING: self.tr("stored"),
                KeyState.ENVIRONMENT: self.tr("from {env}").format(env=API_KEY_ENV),
                KeyState.NONE: self.tr("none"),
                KeyState.UNREADABLE: self.tr("keyring locked"),
            }[state]
        return {
            KeyState.KEYRING: self.tr(
                "A key is stored in the system keyring. It is never shown; store a new one "
                "to replace it."
            ),
            KeyState.ENVIRONMENT: self.tr(
                "No key is stored; {env} gives one to this session (it is not stored)."
            ).format(env=API_KEY_ENV),
            KeyState.NONE: self.tr("No key is stored for this profile."),
            KeyState.UNREADABLE: self.tr("The system keyring could not be read (is it locked?)."),
        }[state]

    # -- loading -------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the profiles again (off the UI thread); keep or pick the selection."""
        current = self.selected_entry()
        self._wanted = select or (current.name if current else None)
        _submit(self, self.background, self.service.overview, self._loaded, self._load_failed)

    def _loaded(self, overview: ProfileOverview) -> None:
        self.overview = overview
        self._reloading = True  # the model's reset is no change of the selection
        try:
            self.model.set_rows(overview.entries)
            wanted = self._wanted or overview.current
            row = next((i for i, e in enumerate(overview.entries) if e.name == wanted), 0)
            if overview.entries:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, 0))
        finally:
            self._reloading = False
        self.keyring_note.setVisible(not overview.keyring_available)
        self._entry_changed()
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.result_label.setText(
            self.tr("Could not read the profiles: {error}").format(error=error)
        )
        self.loaded.emit()

    def selected_entry(self) -> ProfileEntry | None:
        index = self.table.currentIndex()
        return self.model.row_object(index.row()) if index.isValid() else None

    def select(self, name: str) -> bool:
        for row, entry in enumerate(self.model.rows):
            if entry.name == name:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _row_changed(self, *_args: object) -> None:
        if not self._reloading:
            self._entry_changed()

    def _entry_changed(self) -> None:
        entry = self.selected_entry()
        name = entry.name if entry else None
        if name != self._shown_name:  # another profile: the last outcome was not its
            self._shown_name = name
            self.last_check = None
            self.take_button.hide()
            self.result_label.clear()
        self._show_entry(entry)

    def _show_entry(self, entry: ProfileEntry | None) -> None:
        profile = entry.profile if entry else None
        self.name_label.setText(profile.name if profile else "")
        self.tenant_label.setText(
            f"{profile.tenant} / {profile.source_system}" if profile is not None else ""
        )
        self.url_edit.blockSignals(True)
        self.url_edit.setText((profile.base_url or "") if profile else "")
        self.url_edit.blockSignals(False)
        self.key_edit.clear()
        self.key_state_label.setText(self.key_state_text(entry.key) if entry else "")
        self._update_buttons()
        self.selected.emit(profile)

    def _url_edited(self, _text: str) -> None:
        self._update_buttons()

    def _url_saved(self) -> bool:
        entry = self.selected_entry()
        return entry is not None and self.url_edit.text().strip() == (entry.profile.base_url or "")

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        keyring = self.overview.keyring_available if self.overview else False
        idle = not self._busy and entry is not None
        self.save_url_button.setEnabled(idle and not self._url_saved())
        self.key_edit.setEnabled(entry is not None and keyring)
        self.store_key_button.setEnabled(idle and keyring and bool(self.key_edit.text().strip()))
        if not keyring and self.overview is not None:
            self.store_key_button.setToolTip(self.tr("No keyring is available on this computer"))
        else:
            self.store_key_button.setToolTip(
                self.tr("The key goes into the system keyring, never into a file")
            )
        has_server = entry is not None and bool(entry.profile.base_url)
        self.test_button.setEnabled(idle and has_server and self._url_saved())
        if entry is not None and not has_server:
            self.test_button.setToolTip(self.tr("This profile has no server (local store)"))
        elif not self._url_saved():
            self.test_button.setToolTip(self.tr("Save the server URL first"))
        else:
            self.test_button.setToolTip(
                self.tr("Ask the server once with the stored key (a few seconds at most)")
            )
        self.take_button.setEnabled(idle)
        current = entry is not None and entry.current
        self.use_button.setEnabled(idle and not current)
        self.use_button.setToolTip(
            self.tr("This profile is in use") if current else self.tr("Work with this profile")
        )

    def _set_busy(self, busy: bool, text: str | None = None) -> None:
        self._busy = busy
        if text is not None:
            self.result_label.setText(text)
        self._update_buttons()

    def _error(self, lead: str) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            self._set_busy(False, f"{lead} {error}")

        return failed

    # -- actions -------------------------------------------------------------------------

    def save_url(self) -> None:
        entry = self.selected_entry()
        if entry is None or self._busy or self._url_saved():
            return
        name, url = entry.name, self.url_edit.text()
        self._set_busy(True, self.tr("Saving the server URL…"))
        _submit(
            self,
            self.background,
            lambda: self.service.save_server_url(name, url),
            lambda _profile: self._url_done(name),
            self._url_failed,
        )

    def _url_done(self, name: str) -> None:
        self._set_busy(False, self.tr("Server URL saved."))
        self.reload(select=name)

    def _url_failed(self, error: BaseException) -> None:
        if isinstance(error, InputError):
            text = self.tr(
                "This is not a server URL. Enter an http:// or https:// address such as "
                "https://ordinavo.de/api/connect/v1, or nothing for a local store."
            )
        else:
            text = self.tr("The server URL was not saved: {error}").format(error=error)
        self._set_busy(False, text)

    def store_key(self) -> None:
        entry = self.selected_entry()
        key = self.key_edit.text().strip()
        if entry is None or self._busy or not key or not self.store_key_button.isEnabled():
            return
        name = entry.name
        self.key_edit.clear()  # the key leaves the window at once
        self._set_busy(True, self.tr("Storing the key in the system keyring…"))
        _submit(
            self,
            self.background,
            lambda: self.service.store_key(name, key),
            lambda _state: self._key_done(name),
            self._error(self.tr("The key was not stored:")),
        )

    def _key_done(self, name: str) -> None:
        self._set_busy(
            False,
            self.tr("The key is stored in the system keyring. Test the connection to check it."),
        )
        self.reload(select=name)

    def test_connection(self) -> None:
        entry = self.selected_entry()
        if entry is None or self._busy:
            return
        name = entry.name
        self.take_button.hide()
        self._set_busy(True, self.tr("Asking {url}…").format(url=entry.profile.base_url))
        _submit(
            self,
            self.background,
            lambda: self.service.test(name),
            self._tested,
            self._error(self.tr("The test failed:")),
        )

    def _tested(self, check: ConnectionCheck) -> None:
        entry = self.selected_entry()
        self._set_busy(False)
        if entry is None or entry.name != check.profile:
            return  # another profile was selected meanwhile
        self.last_check = check
        self.result_label.setText(self.check_text(check))
        self.take_button.setVisible(check.reachability is Reachability.ONLINE and bool(check.drift))
        self.tested.emit(check)

    def check_text(self, check: ConnectionCheck) -> str:
        ms = _number(check.latency_ms or 0.0, 0)
        reachability = check.reachability
        if reachability is Reachability.LOCAL_STORE:
            return self.tr("This profile has no server (local store): there is nothing to test.")
        if reachability is Reachability.NO_KEY:
            return self.tr(
                "No API key for this profile: store one in the keyring (or set {env})."
            ).format(env=API_KEY_ENV)
        if reachability is Reachability.KEY_REFUSED:
            return self.tr(
                "{url} answered in {ms} ms but refused the API key (HTTP 401): store a valid key."
            ).format(url=check.base_url, ms=ms)
        if reachability is Reachability.FORBIDDEN:
            if check.required_scope:
                return self.tr(
                    "{url} answered in {ms} ms, but the key lacks the scope {scope} (HTTP 403)."
                ).format(url=check.base_url, ms=ms, scope=check.required_scope)
            return self.tr(
                "{url} answered in {ms} ms, but the key may not ask it (HTTP 403)."
            ).format(url=check.base_url, ms=ms)
        if reachability is Reachability.OFFLINE:
            return self.tr("{url} cannot be reached: {detail}").format(
                url=check.base_url, detail=check.detail or ""
            )
        lines = [self.tr("✔ {url} answered in {ms} ms.").format(url=check.base_url, ms=ms)]
        if check.tenant:
            lines.append(
                self.tr("The key belongs to tenant {tenant}, source system {source}.").format(
                    tenant=check.tenant, source=check.source_system or "–"
                )
            )
        else:
            lines.append(
                self.tr(
                    "The server names no tenant or scopes (no review extension): the scopes "
                    "are the profile's, not checked by the server."
                )
            )
        missing = check.missing_desk_scopes
        if missing:
            lines.append(
                self.tr("The key lacks {scopes}: see the Rules page for what is lost.").format(
                    scopes=", ".join(missing)
                )
            )
        else:
            lines.append(self.tr("The key has every scope the desk uses."))
        if check.drift:
            lines.append(
                self.tr(
                    "The server's settings differ from the profile ({fields}): take them "
                    "to work with the server's rules."
                ).format(fields=", ".join(check.drift))
            )
        return "\n".join(lines)

    def take_server_settings(self) -> None:
        entry = self.selected_entry()
        if entry is None or self._busy:
            return
        name = entry.name
        self._set_busy(True, self.tr("Taking the server's settings…"))
        _submit(
            self,
            self.background,
            lambda: self.service.take_server_settings(name),
            self._taken,
            self._error(self.tr("The server's settings were not taken:")),
        )

    def _taken(self, taken: ServerSettingsTaken) -> None:
        self.take_button.hide()
        if taken.changed:
            text = self.tr("Taken from the server: {fields}.").format(
                fields=", ".join(taken.changed)
            )
        else:
            text = self.tr("The profile already had the server's settings.")
        self._set_busy(False, text)
        self.reload(select=taken.profile.name)

    def use_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or self._busy or entry.current:
            return
        name = entry.name
        self._set_busy(True)
        _submit(
            self,
            self.background,
            lambda: self.service.use(name),
            self._used,
            self._error(self.tr("The profile was not switched:")),
        )

    def _used(self, profile: Profile) -> None:
        self._set_busy(
            False, self.tr("{name} is now the profile in use.").format(name=profile.name)
        )
        self.reload(select=profile.name)
        self.switched.emit(profile.name)


# -- the Rules page --------------------------------------------------------------------------


class ScopesModel(RowsModel[Capability]):
    """The scopes of a key; a missing scope the desk uses is marked in red."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 1:
            capability = self.row_object(index.row())
            if capability is not None and not capability.granted and capability.used_by_desk:
                dark = is_dark(QApplication.palette())
                return QColor("#ff8a80" if dark else "#c62828")
            return None
        return super().data(index, role)


class RulesPage(QWidget):
    """The selected profile's mapping settings and scopes, read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesPage")
        self.profile: Profile | None = None

        self.heading = QLabel()
        self.heading.setObjectName("rulesHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.strategy_label = _value_label("strategyLabel")
        self.strategy_note = _note("strategyNote")
        self.threshold_label = _value_label("thresholdLabel")
        self.margin_label = _value_label("marginLabel")
        self.floor_label = _value_label("floorLabel")
        self.distance_label = _value_label("distanceLabel")
        self.candidates_label = _value_label("maxCandidatesLabel")
        self.fallbacks_label = _value_label("fallbacksLabel")
        self.auto_create_label = _value_label("autoCreateLabel")
        self.auto_update_label = _value_label("autoUpdateLabel")

        form = _FormGrid()
        form.addRow(self.tr("Strategy:"), self.strategy_label)
        form.addRow("", self.strategy_note)
        form.addRow(self.tr("Safe fallbacks:"), self.fallbacks_label)
        form.addRow(self.tr("Confident from:"), self.threshold_label)
        form.addRow(self.tr("Lead over the runner-up:"), self.margin_label)
        form.addRow(self.tr("Candidates shown from:"), self.floor_label)
        form.addRow(self.tr("Coordinates agree within:"), self.distance_label)
        form.addRow(self.tr("Candidates at most:"), self.candidates_label)
        form.addRow(self.tr("Create automatically:"), self.auto_create_label)
        form.addRow(self.tr("Update records (autoUpdate):"), self.auto_update_label)

        self.scopes_model = ScopesModel(
            [
                (self.tr("Scope"), lambda c: c.scope),
                (self.tr("Key"), self._granted_text),
                (self.tr("What it allows, or what is lost without it"), self._meaning_text),
            ],
            self,
            tooltip=self._scope_tooltip,
        )
        self.scopes = QTableView()
        self.scopes.setObjectName("scopesTable")
        self.scopes.setModel(self.scopes_model)
        self.scopes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.scopes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.scopes.setTabKeyNavigation(False)
        self.scopes.setWordWrap(True)
        self.scopes.verticalHeader().hide()
        self.scopes.setAlternatingRowColors(True)
        header = self.scopes.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.scopes.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # every scope in view: the page scrolls as a whole, the table never on its own
        self.scopes.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scopes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.actions_box = QGroupBox(self.tr("In the review window"))
        self.actions_box.setObjectName("reviewActions")
        self.action_labels: dict[str, QLabel] = {}
        actions_layout = QVBoxLayout(self.actions_box)
        for key, _text, _scope in review_actions():
            label = QLabel()
            label.setObjectName(f"{key}ActionLabel")
            label.setTextFormat(Qt.TextFormat.PlainText)
            actions_layout.addWidget(label)
            self.action_labels[key] = label

        note = _note(
            "rulesNote",
            self.tr(
                "The rules and scopes come from the server (Take the server's settings on the "
                "Profile page) and cannot be changed here. Actions the key's scopes forbid are "
                "disabled in the review window, with a tooltip naming the missing scope."
            ),
        )

        content = QWidget()
        content.setObjectName("rulesContent")
        column = QVBoxLayout(content)
        column.addWidget(self.heading)
        column.addLayout(form)
        scopes_caption = QLabel(self.tr("&Scopes of the key:"))
        scopes_caption.setBuddy(self.scopes)
        column.addWidget(scopes_caption)
        column.addWidget(self.scopes)
        column.addWidget(self.actions_box)
        column.addWidget(note)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("rulesScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.show_profile(None)

    def _granted_text(self, capability: Capability) -> str:
        return self.tr("✔ granted") if capability.granted else self.tr("✖ missing")

    def _meaning_text(self, capability: Capability) -> str:
        if capability.granted:
            return _allows(capability)
        if not capability.used_by_desk:
            return self.tr("(not used by the desk)")
        return self.tr("Lost: {what}").format(what=_without(capability))

    def _scope_tooltip(self, capability: Capability) -> str:
        lines = [
            self.tr("Allows: {what}").format(what=_allows(capability)),
            self.tr("Without it: {what}").format(what=_without(capability)),
            self.tr("Requests: {operations}").format(operations=", ".join(capability.operations)),
        ]
        return "\n".join(lines)

    def show_profile(self, profile: Profile | None) -> None:
        self.profile = profile
        if profile is None:
            self.heading.setText(self.tr("No profile selected"))
            self.scopes_model.set_rows(())
            return
        settings: MappingSettings = profile.settings
        self.heading.setText(
            self.tr("Rules of profile {name} ({tenant} / {source})").format(
                name=profile.name, tenant=profile.tenant, source=profile.source_system
            )
        )
        name, what = strategy_text(settings.strategy)
        self.strategy_label.setText(f"{name} ({settings.strategy.value})")
        self.strategy_note.setText(what)
        gates = settings.name_and_address
        self.threshold_label.setText(
            self.tr("a score of {value} (threshold)").format(value=_number(gates.threshold))
        )
        self.margin_label.setText(
            self.tr("{value} ahead of any other customer (margin)").format(
                value=_number(gates.margin)
            )
        )
        self.floor_label.setText(
            self.tr("a score of {value} (floor)").format(value=_number(gates.floor))
        )
        self.distance_label.setText(
            self.tr("{value} m").format(value=_number(gates.coordinate_agreement_meters, 0))
        )
        self.candidates_label.setText(QLocale().toString(settings.max_candidates))
        self.fallbacks_label.setText(
            ", ".join(fallback_text(f) for f in settings.safe_fallbacks) or self.tr("none")
        )
        auto = settings.auto_create
        self.auto_create_label.setText(
            self.tr("customers: {customer} · locations: {location} · contacts: {contact}").format(
                customer=_yes_no(auto.customer),
                location=_yes_no(auto.location),
                contact=_yes_no(auto.contact),
            )
        )
        self.auto_update_label.setText(_yes_no(settings.auto_update))
        granted = [scope.value for scope in settings.scopes]
        self.scopes_model.set_rows(scope_capabilities(granted))
        self._fit_scopes()
        for key, text, scope in review_actions():
            label = self.action_labels[key]
            allowed = settings.has_scope(scope)
            label.setEnabled(allowed)
            if allowed:
                label.setText(self.tr("✔ {action}").format(action=text))
                label.setToolTip(self.tr("Allowed by the scope {scope}").format(scope=scope.value))
            else:
                label.setText(
                    self.tr("✖ {action} (needs {scope})").format(action=text, scope=scope.value)
                )
                label.setToolTip(
                    self.tr("Needs the scope {scope}, which this profile's key lacks.").format(
                        scope=scope.value
                    )
                )

    def missing_scopes(self) -> list[str]:
        return [c.scope for c in self.scopes_model.rows if not c.granted]

    def _fit_scopes(self) -> None:
        """The table as tall as its rows (after the columns took the page's width)."""
        self.scopes.resizeRowsToContents()
        rows = sum(self.scopes.rowHeight(r) for r in range(self.scopes_model.rowCount()))
        frame = self.scopes.frameWidth() * 2
        self.scopes.setFixedHeight(self.scopes.horizontalHeader().height() + rows + frame)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_scopes()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._fit_scopes()


# -- the Map page ----------------------------------------------------------------------------


class MapPage(QWidget):
    """The tile server of the map: off by default; OpenStreetMap or a server of one's own."""

    #: The settings were saved (the TileServer as stored).
    saved = Signal(object)
    loaded = Signal()

    def __init__(
        self,
        service: DeskSettingsService,
        background: Background,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mapPage")
        self.service = service
        self.background = background
        self.server: TileServer | None = None  # as saved
        self._filling = False
        self._custom_memory: dict[str, str] = {}
        self._as_loaded: tuple[object, ...] | None = None  # the fields as filled in

        self.enabled_check = QCheckBox(self.tr("Show map &tiles"))
        self.enabled_check.setObjectName("showTilesCheck")
        self.enabled_check.toggled.connect(self._edited)

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.warning = QLabel(
            self.tr(
                "Every tile request tells the tile server where the customer on screen is "
                "(the map's area around the location). Switch tiles on only for a server "
                "your company agrees to send customer locations to. Without tiles the map "
                "draws its schematic view, and nothing leaves this computer."
            )
        )
        self.warning.setObjectName("tileWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        warning_box = QFrame()
        warning_box.setObjectName("tileWarningBox")
        warning_box.setFrameShape(QFrame.Shape.StyledPanel)
        warning_row = QHBoxLayout(warning_box)
        warning_row.addWidget(icon)
        warning_row.addWidget(self.warning, 1)

        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("tilePresetCombo")
        self.preset_combo.addItem(self.tr("OpenStreetMap"), TilePreset.OPENSTREETMAP.value)
        self.preset_combo.addItem(
            self.tr("A server of your own (URL template)"), TilePreset.CUSTOM.value
        )
        self.preset_combo.currentIndexChanged.connect(self._preset_changed)

        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("tileUrlEdit")
        self.url_edit.setPlaceholderText("https://tiles.example.com/{z}/{x}/{y}.png")
        self.url_edit.textChanged.connect(self._edited)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("tileNameEdit")
        self.name_edit.setPlaceholderText(self.tr("Shown in the map's corner, e.g. Company tiles"))
        self.name_edit.textChanged.connect(self._edited)
        self.attribution_edit = QLineEdit()
        self.attribution_edit.setObjectName("tileAttributionEdit")
        self.attribution_edit.setPlaceholderText(self.tr("e.g. © OpenStreetMap contributors"))
        self.attribution_edit.textChanged.connect(self._edited)
        self.policy_note = QLabel(
            self.tr(
                'OpenStreetMap\'s tile servers are for light use under its <a href="{url}">tile '
                "usage policy</a>; heavy use needs a server of your own."
            ).format(url=OSM_POLICY_URL)
        )
        self.policy_note.setObjectName("osmPolicyNote")
        self.policy_note.setWordWrap(True)
        self.policy_note.setTextFormat(Qt.TextFormat.RichText)
        self.policy_note.setOpenExternalLinks(True)
        self.user_agent_label = _value_label("tileUserAgentLabel")
        self.cache_label = _value_label("tileCacheLabel")
        self.cache_days = QSpinBox()
        self.cache_days.setObjectName("tileCacheDaysSpin")
        self.cache_days.setRange(1, 365)
        self.cache_days.setSuffix(self.tr(" days"))
        self.cache_days.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.cache_days.valueChanged.connect(self._edited)

        self.save_button = _button("saveTilesButton", self.tr("&Save map settings"))
        self.save_button.clicked.connect(self.save)
        self.status_label = _value_label("tileStatusLabel")

        form = _FormGrid()
        for caption, field in (
            (self.tr("Tile ser&ver:"), self.preset_combo),
            (self.tr("&URL template:"), self.url_edit),
            (self.tr("&Name:"), self.name_edit),
            (self.tr("Attri&bution:"), self.attribution_edit),
        ):
            label = QLabel(caption)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.policy_note)
        form.addRow(self.tr("User-Agent sent:"), self.user_agent_label)
        form.addRow(self.tr("Tile cache:"), self.cache_label)
        days_label = QLabel(self.tr("&Keep tiles for:"))
        days_label.setBuddy(self.cache_days)
        form.addRow(days_label, self.cache_days)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled_check)
        layout.addWidget(warning_box)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self._set_enabled(False)

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        self._set_enabled(False)
        _submit(
            self,
            self.background,
            lambda: (self.service.tiles(), self.service.tile_cache_dir()),
            self._loaded,
            self._load_failed,
        )

    def _loaded(self, result: tuple[TileServer, Any]) -> None:
        server, cache_dir = result
        self.cache_label.setText(str(cache_dir))
        self._fill(server)
        self.status_label.setText(
            self.tr("Map tiles are on.") if server.enabled else self.tr("Map tiles are off.")
        )
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.status_label.setText(
            self.tr("Could not read the map settings: {error}").format(error=error)
        )
        self.loaded.emit()

    def _fill(self, server: TileServer) -> None:
        self.server = server
        self._filling = True
        self.enabled_check.setChecked(server.enabled)
        preset = (
            server.preset if server.url_template or server.enabled else TilePreset.OPENSTREETMAP
        )
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(preset.value))
        if preset is TilePreset.CUSTOM:
            self._custom_memory = {
                "url": server.url_template,
                "name": server.name,
                "attribution": server.attribution,
            }
        self._show_preset(preset)
        self.user_agent_label.setText(server.user_agent)
        self.cache_days.setValue(server.cache_days)
        self._filling = False
        self._set_enabled(True)
        self._as_loaded = self._fields()
        self._update_save()

    def _fields(self) -> tuple[object, ...]:
        return (
            self.enabled_check.isChecked(),
            self.preset_combo.currentData(),
            self.url_edit.text().strip(),
            self.name_edit.text().strip(),
            self.attribution_edit.text().strip(),
            self.cache_days.value(),
        )

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.enabled_check, self.preset_combo, self.cache_days):
            widget.setEnabled(enabled)
        for edit in (self.url_edit, self.name_edit, self.attribution_edit):
            edit.setEnabled(enabled)
        if not enabled:
            self.save_button.setEnabled(False)

    # -- editing -------------------------------------------------------------------------

    def preset(self) -> TilePreset:
        return TilePreset(self.preset_combo.currentData())

    def _preset_changed(self, _index: int) -> None:
        if self._filling:
            return
        self._show_preset(self.preset())
        self._edited()

    def _show_preset(self, preset: TilePreset) -> None:
        osm = preset is TilePreset.OPENSTREETMAP
        was = self._filling
        self._filling = True
        if osm:
            if not self.name_edit.isReadOnly():  # the fields were the custom server's
                self._custom_memory = {
                    "url": self.url_edit.text(),
                    "name": self.name_edit.text(),
                    "attribution": self.attribution_edit.text(),
                }
            self.url_edit.setText(OSM_URL_TEMPLATE)
            self.name_edit.setText("OpenStreetMap")
            self.attribution_edit.setText(OSM_ATTRIBUTION)
        else:
            self.url_edit.setText(self._custom_memory.get("url", ""))
            self.name_edit.setText(self._custom_memory.get("name", ""))
            self.attribution_edit.setText(self._custom_memory.get("attribution", ""))
        for edit in (self.url_edit, self.name_edit, self.attribution_edit):
            edit.setReadOnly(osm)  # OpenStreetMap's values are fixed, but stay readable
        self.policy_note.setVisible(osm)
        self._filling = was

    def _edited(self, *_args: object) -> None:
        if self._filling:
            return
        self.status_label.clear()
        self._update_save()

    def _update_save(self) -> None:
        self.save_button.setEnabled(self.server is not None and self._fields() != self._as_loaded)

    def wanted(self) -> TileServer:
        """The settings as the page shows them (SettingsError when they are not usable)."""
        base = self.server or TileServer()
        enabled = self.enabled_check.isChecked()
        if self.preset() is TilePreset.OPENSTREETMAP:
            preset = openstreetmap_preset(enabled=enabled)
            data = preset.model_dump(mode="json", by_alias=True)
        else:
            data = {
                "enabled": enabled,
                "preset": TilePreset.CUSTOM.value,
                "name": self.name_edit.text(),
                "urlTemplate": self.url_edit.text(),
                "attribution": self.attribution_edit.text(),
                "maxZoom": base.max_zoom,
            }
        data.update({"userAgent": base.user_agent, "cacheDays": self.cache_days.value()})
        return tile_server_from(data)

    def _problem(self) -> str | None:
        """Why the page's settings cannot be saved, in the reviewer's words (None: fine)."""
        if self.preset() is TilePreset.OPENSTREETMAP:
            return None
        template = self.url_edit.text().strip()
        if not template:
            if self.enabled_check.isChecked():
                return self.tr("Enter the URL template of your tile server first.")
            return None
        try:
            check_url_template(template)
        except ValueError:
            return self.tr(
                "The URL template must be an http:// or https:// address with {z}, {x} and "
                "{y} in it, such as https://tiles.example.com/{z}/{x}/{y}.png"
            )
        return None

    def save(self) -> None:
        problem = self._problem()
        if problem is not None:
            self.status_label.setText(problem)
            return
        try:
            server = self.wanted()
        except (SettingsError, ValueError) as error:
            self.status_label.setText(
                self.tr("These map settings cannot be used: {error}").format(error=error)
            )
            return
        self.save_button.setEnabled(False)
        self.status_label.setText(self.tr("Saving…"))
        _submit(
            self,
            self.background,
            lambda: self.service.save_tiles(server),
            self._saved,
            self._save_failed,
        )

    def _saved(self, server: TileServer) -> None:
        self._fill(server)
        self.status_label.setText(
            self.tr("Saved: map tiles from {server}.").format(server=server.display_name)
            if server.enabled
            else self.tr("Saved: map tiles are off.")
        )
        self.saved.emit(server)

    def _save_failed(self, error: BaseException) -> None:
        self.status_label.setText(
            self.tr("The map settings were not saved: {error}").format(error=error)
        )
        self._update_save()


# -- the Appearance page ---------------------------------------------------------------------


class AppearancePage(QWidget):
    """Language (after a restart) and light or dark (at once)."""

    language_changed = Signal(str)
    theme_changed = Signal(str)

    def __init__(
        self,
        settings: QSettings | None = None,
        apply: Callable[[Theme], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("appearancePage")
        self.settings = settings
        self._apply = apply
        self._started_with = preferences.language(settings)

        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        system = resolve_language(Language.SYSTEM)
        self.language_combo.addItem(
            self.tr("As the system ({language})").format(language=_endonym(system)),
            Language.SYSTEM.value,
        )
        for language in (Language.ENGLISH, Language.GERMAN):
            self.language_combo.addItem(_endonym(language), language.value)
        self.language_combo.setCurrentIndex(
            self.language_combo.findData(preferences.language(settings).value)
        )
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.language_note = _note(
            "languageNote",
            self.tr("A new language shows the next time Ordinavo Desk starts."),
        )

        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("themeCombo")
        self.theme_combo.addItem(self.tr("As the system (light or dark)"), Theme.SYSTEM.value)
        self.theme_combo.addItem(self.tr("Light"), Theme.LIGHT.value)
        self.theme_combo.addItem(self.tr("Dark"), Theme.DARK.value)
        self.theme_combo.setCurrentIndex(
            self.theme_combo.findData(preferences.theme(settings).value)
        )
        self.theme_combo.currentIndexChanged.connect(self._theme_chosen)
        self.theme_note = _note(
            "themeNote",
            self.tr(
                "Applies at once. As the system, the window follows the system's light or "
                "dark setting, also when it changes."
            ),
        )

        form = _FormGrid(stretch_fields=False)
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language_combo)
        form.addRow(language_label, self.language_combo)
        form.addRow("", self.language_note)
        theme_label = QLabel(self.tr("&Theme:"))
        theme_label.setBuddy(self.theme_combo)
        form.addRow(theme_label, self.theme_combo)
        form.addRow("", self.theme_note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    def language(self) -> Language:
        return Language(self.language_combo.currentData())

    def theme(self) -> Theme:
        return Theme(self.theme_combo.currentData())

    def _language_chosen(self, _index: int) -> None:
        language = self.language()
        preferences.set_language(language, self.settings)
        if language == self._started_with:
            self.language_note.setText(
                self.tr("A new language shows the next time Ordinavo Desk starts.")
            )
        else:
            self.language_note.setText(
                self.tr("Saved. Start Ordinavo Desk again to see it in {language}.").format(
                    language=_endonym(resolve_language(language))
                )
            )
        self.language_changed.emit(language.value)

    def _theme_chosen(self, _index: int) -> None:
        theme = self.theme()
        preferences.set_theme(theme, self.settings)
        if self._apply is not None:
            self._apply(theme)
        self.theme_changed.emit(theme.value)


def _endonym(language: Language) -> str:
    """A language's name in that language (not translated: people look for their own)."""
    return {Language.ENGLISH: "English", Language.GERMAN: "Deutsch"}.get(language, "English")


def _apply_to_app(theme: Theme) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, theme)


# -- the dialog ------------------------------------------------------------------------------


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
        apply_theme: Callable[[Theme], None] | None = _apply_to_app,
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
