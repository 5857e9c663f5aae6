"""The selected item: what came in and the ranked candidates (the compare panel grows
from here)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from ordinavo_desk.domain.items import StoredItem


class ItemPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemPanel")
        self.title = QLabel(self.tr("No item selected"))
        self.title.setObjectName("itemTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.incoming = QLabel()
        self.incoming.setObjectName("itemIncoming")
        self.incoming.setTextFormat(Qt.TextFormat.PlainText)
        self.incoming.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("itemWarnings")
        self.warnings.setWordWrap(True)
        self.candidates = QListWidget()
        self.candidates.setObjectName("itemCandidates")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.incoming)
        layout.addWidget(self.warnings)
        layout.addWidget(QLabel(self.tr("Candidates")))
        layout.addWidget(self.candidates, 1)

    def show_item(self, item: StoredItem | None) -> None:
        self.candidates.clear()
        if item is None:
            self.title.setText(self.tr("No item selected"))
            self.incoming.clear()
            self.warnings.clear()
            return
        payload = item.payload
        customer = payload.get("customer") or {}
        location = payload.get("location") or payload.get("address") or {}
        self.title.setText(f"{item.external_id} · {payload.get('title') or ''}".rstrip(" ·"))
        lines = [
            customer.get("name") or self.tr("(no customer name)"),
            " ".join(
                str(part)
                for part in (location.get("street"), location.get("postalCode"),
                             location.get("city"))
                if part
            ),
        ]  # fmt: skip
        self.incoming.setText("\n".join(line for line in lines if line))
        mapping = item.mapping
        if mapping is None:
            self.warnings.setText(self.tr("Not mapped yet"))
            return
        self.warnings.setText(
            f"{mapping.status.value}: {', '.join(mapping.warnings)}"
            if mapping.warnings
            else mapping.status.value
        )
        for rank, candidate in enumerate(mapping.candidates, start=1):
            where = (
                self.tr("location {id}").format(id=candidate.customer_location_id)
                if candidate.customer_location_id is not None
                else ""
            )
            self.candidates.addItem(
                f"{rank}. {self.tr('customer {id}').format(id=candidate.customer_id)} {where} "
                f"· {candidate.score:.2f} · {candidate.outcome.value}"
            )
