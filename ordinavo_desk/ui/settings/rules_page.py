"""The settings window's Rules page: the selected profile's mapping settings and the
key's scopes, read-only, with a missing scope the desk uses marked in red.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.services.desk_settings import scope_capabilities
from ordinavo_desk.services.scope_capabilities import Capability
from ordinavo_desk.ui.rows_model import RowsModel
from ordinavo_desk.ui.settings.form_parts import FormGrid, note, number, value_label
from ordinavo_desk.ui.settings.rule_texts import (
    allows,
    fallback_text,
    review_actions,
    strategy_text,
    without,
    yes_no,
)
from ordinavo_desk.ui.theme import is_dark


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
        self.strategy_label = value_label("strategyLabel")
        self.strategy_note = note("strategyNote")
        self.threshold_label = value_label("thresholdLabel")
        self.margin_label = value_label("marginLabel")
        self.floor_label = value_label("floorLabel")
        self.distance_label = value_label("distanceLabel")
        self.candidates_label = value_label("maxCandidatesLabel")
        self.fallbacks_label = value_label("fallbacksLabel")
        self.auto_create_label = value_label("autoCreateLabel")
        self.auto_update_label = value_label("autoUpdateLabel")

        form = FormGrid()
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

        rules_note = note(
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
        column.addWidget(rules_note)
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
            return allows(capability)
        if not capability.used_by_desk:
            return self.tr("(not used by the desk)")
        return self.tr("Lost: {what}").format(what=without(capability))

    def _scope_tooltip(self, capability: Capability) -> str:
        lines = [
            self.tr("Allows: {what}").format(what=allows(capability)),
            self.tr("Without it: {what}").format(what=without(capability)),
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
            self.tr("a score of {value} (threshold)").format(value=number(gates.threshold))
        )
        self.margin_label.setText(
            self.tr("{value} ahead of any other customer (margin)").format(
                value=number(gates.margin)
            )
        )
        self.floor_label.setText(
            self.tr("a score of {value} (floor)").format(value=number(gates.floor))
        )
        self.distance_label.setText(
            self.tr("{value} m").format(value=number(gates.coordinate_agreement_meters, 0))
        )
        self.candidates_label.setText(QLocale().toString(settings.max_candidates))
        self.fallbacks_label.setText(
            ", ".join(fallback_text(f) for f in settings.safe_fallbacks) or self.tr("none")
        )
        auto = settings.auto_create
        self.auto_create_label.setText(
            self.tr("customers: {customer} · locations: {location} · contacts: {contact}").format(
                customer=yes_no(auto.customer),
                location=yes_no(auto.location),
                contact=yes_no(auto.contact),
            )
        )
        self.auto_update_label.setText(yes_no(settings.auto_update))
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
