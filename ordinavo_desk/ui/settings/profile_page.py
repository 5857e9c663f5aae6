"""The settings window's Profile page: the profiles, and for the selected one its server
URL, its API key and a connection test.

The API key is typed into a password field, handed to the keyring and cleared: it is never
shown again, only whether one is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.services.connection_state import Reachability
from ordinavo_desk.services.desk_settings import (
    ConnectionCheck,
    DeskSettingsService,
    KeyState,
    ProfileEntry,
    ProfileOverview,
    ServerSettingsTaken,
)
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.rows_model import RowsModel
from ordinavo_desk.ui.settings.form_parts import FormGrid, button, note, number, submit, value_label

API_KEY_ENV = "ORDINAVO_DESK_API_KEY"


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

        self.name_label = value_label("profileNameLabel")
        self.tenant_label = value_label("profileTenantLabel")

        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("serverUrlEdit")
        self.url_edit.setPlaceholderText(self.tr("https://… (empty: local store, no server)"))
        self.url_edit.textChanged.connect(self._url_edited)
        self.url_edit.returnPressed.connect(self.save_url)
        self.save_url_button = button("saveUrlButton", self.tr("Save URL"))
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
        self.store_key_button = button("storeKeyButton", self.tr("Store in keyring"))
        self.store_key_button.clicked.connect(self.store_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.store_key_button)
        self.key_state_label = value_label("keyStateLabel")

        self.test_button = button("testButton", self.tr("&Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.take_button = button("takeServerButton", self.tr("Take the server's settings"))
        self.take_button.setToolTip(
            self.tr(
                "Connect the profile again: the server's tenant, scopes and mapping "
                "settings replace the profile's"
            )
        )
        self.take_button.clicked.connect(self.take_server_settings)
        self.take_button.hide()
        self.use_button = button("useButton", self.tr("&Use this profile"))
        self.use_button.clicked.connect(self.use_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addWidget(self.take_button)
        actions.addStretch(1)
        actions.addWidget(self.use_button)

        self.result_label = value_label("testResultLabel")
        self.result_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        form = FormGrid()
        form.addRow(self.tr("Profile:"), self.name_label)
        form.addRow(self.tr("Tenant / source:"), self.tenant_label)
        url_caption = QLabel(self.tr("&Server URL:"))
        url_caption.setBuddy(self.url_edit)
        form.addRow(url_caption, url_row)
        key_caption = QLabel(self.tr("API &key:"))
        key_caption.setBuddy(self.key_edit)
        form.addRow(key_caption, key_row)
        form.addRow("", self.key_state_label)

        self.keyring_note = note(
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
        submit(self, self.background, self.service.overview, self._loaded, self._load_failed)

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
        submit(
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
        submit(
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
        submit(
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
        ms = number(check.latency_ms or 0.0, 0)
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
        submit(
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
        submit(
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
