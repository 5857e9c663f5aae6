"""The settings window's Map page: the map's tile server, off by default; OpenStreetMap
or a server of one's own, and how long tiles are kept.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.errors import SettingsError
from ordinavo_desk.domain.map_tiles import (
    OSM_ATTRIBUTION,
    OSM_URL_TEMPLATE,
    TilePreset,
    TileServer,
    check_url_template,
    openstreetmap_preset,
    tile_server_from,
)
from ordinavo_desk.services.desk_settings import DeskSettingsService
from ordinavo_desk.ui.background import Background
from ordinavo_desk.ui.settings.form_parts import FormGrid, button, submit, value_label

OSM_POLICY_URL = "https://operations.osmfoundation.org/policies/tiles/"


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
        self.user_agent_label = value_label("tileUserAgentLabel")
        self.cache_label = value_label("tileCacheLabel")
        self.cache_days = QSpinBox()
        self.cache_days.setObjectName("tileCacheDaysSpin")
        self.cache_days.setRange(1, 365)
        self.cache_days.setSuffix(self.tr(" days"))
        self.cache_days.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.cache_days.valueChanged.connect(self._edited)

        self.save_button = button("saveTilesButton", self.tr("&Save map settings"))
        self.save_button.clicked.connect(self.save)
        self.status_label = value_label("tileStatusLabel")

        form = FormGrid()
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
        submit(
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
        submit(
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
