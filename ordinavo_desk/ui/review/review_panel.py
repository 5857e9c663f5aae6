"""The selected item: header and warnings, the ranked candidates, the comparison with the
candidate in view, the map and the route readiness, and the rule path in plain words.

The panel only shows an :class:`ItemView` (gathered off the UI thread by the window) and
reports what the reviewer picks; deciding is the window's.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ordinavo_desk.domain.map_geometry import MapPoint, MarkerKind
from ordinavo_desk.services.item_view import CandidateView, FieldPair, ItemView, RouteReadiness
from ordinavo_desk.ui.map.map_panel import MapPanel
from ordinavo_desk.ui.review.candidates_model import (
    CUSTOMER,
    DISTANCE,
    LOCATION,
    OUTCOME,
    RANK,
    REASONS,
    SCORE,
    CandidatesModel,
)
from ordinavo_desk.ui.review.compare_delegate import CompareDelegate, CorrectionDelegate
from ordinavo_desk.ui.review.compare_model import (
    CORRECTABLE,
    FIELD,
    HOW,
    INCOMING,
    STORED,
    CompareModel,
)
from ordinavo_desk.ui.review.reason_texts import status_text
from ordinavo_desk.ui.review.warning_badges import WarningBadges
from ordinavo_desk.ui.units import minutes_text

INCOMING_KEY = "incoming"


def candidate_key(rank: int) -> str:
    return f"candidate-{rank}"


class ReviewPanel(QWidget):
    #: The rank of the candidate now compared (0: none).
    candidate_changed = Signal(int)
    reveal_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.view: ItemView | None = None

        self.title = QLabel(self.tr("No item selected"))
        self.title.setObjectName("itemTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.state = QLabel()
        self.state.setObjectName("itemState")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.facts = QLabel()
        self.facts.setObjectName("itemFacts")
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        self.badges = WarningBadges()

        self.candidates_model = CandidatesModel(self)
        self.candidates = QTableView()
        self.candidates.setObjectName("candidatesTable")
        self.candidates.setModel(self.candidates_model)
        self.candidates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.candidates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.candidates.verticalHeader().setVisible(False)
        self.candidates.verticalHeader().setDefaultSectionSize(24)
        self.candidates.setWordWrap(False)
        header = self.candidates.horizontalHeader()
        header.setHighlightSections(False)  # no repaint of the header at each selection
        # the short columns have fixed widths that fit their headers in any language
        # (sizing to the contents would measure every cell of every item); customer,
        # location and reasons share the rest, so every column is in view without
        # scrolling sideways
        metrics = header.fontMetrics()
        for column, least in ((RANK, 26), (SCORE, 48), (OUTCOME, 130), (DISTANCE, 64)):
            title = str(self.candidates_model.headerData(column, Qt.Orientation.Horizontal))
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.candidates.setColumnWidth(
                column, max(least, metrics.horizontalAdvance(title) + 24)
            )
        for column in (CUSTOMER, LOCATION, REASONS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self._fit_candidates(3)
        self.candidates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.candidates_model.modelReset.connect(self.candidates.doItemsLayout)

        self.compare_model = CompareModel(self)
        self.compare = QTableView()
        self.compare.setObjectName("compareTable")
        self.compare.setModel(self.compare_model)
        self.compare.setItemDelegateForColumn(INCOMING, CorrectionDelegate(self.compare))
        # differences are marked by a delegate of their own, on the rows that have them
        self._marks = CompareDelegate(self.compare)
        self._marked: frozenset[int] = frozenset()
        self.compare_model.marks_changed.connect(self._mark_rows)
        self.compare.verticalHeader().setVisible(False)
        self.compare.verticalHeader().setDefaultSectionSize(22)
        self.compare.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.compare.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.compare.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.compare.setWordWrap(False)
        self.compare_model.modelReset.connect(self.compare.doItemsLayout)
        compare_header = self.compare.horizontalHeader()
        compare_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        compare_header.setHighlightSections(False)
        for column, width in ((FIELD, 120), (HOW, 150)):
            self.compare.setColumnWidth(column, width)
        # the two values share the rest: both in view, never scrolled sideways
        for column in (INCOMING, STORED):
            compare_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.compare_title = QLabel()
        self.compare_title.setObjectName("compareTitle")
        self.compare_title.setWordWrap(True)
        self.reveal = QPushButton(self.tr("Reveal personal data (Ctrl+Shift+P)"))
        self.reveal.setObjectName("revealButton")
        self.reveal.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reveal.clicked.connect(self.reveal_requested)

        self.rule_path = QLabel()
        self.rule_path.setObjectName("rulePath")
        self.rule_path.setWordWrap(True)
        self.rule_path.setTextFormat(Qt.TextFormat.PlainText)
        self.rule_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.map = MapPanel()
        self.route = QGroupBox(self.tr("Route readiness"))
        self.route.setObjectName("routeReadiness")
        self.route_verdict = QLabel()
        self.route_verdict.setObjectName("routeVerdict")
        self.route_verdict.setWordWrap(True)
        self.route_minutes = QLabel()
        self.route_priority = QLabel()
        self.route_access = QLabel()
        self.route_access.setWordWrap(True)
        self.route_parking = QLabel()
        self.route_parking.setWordWrap(True)
        form = QFormLayout(self.route)
        form.addRow(self.route_verdict)
        form.addRow(self.tr("Work minutes:"), self.route_minutes)
        form.addRow(self.tr("Priority:"), self.route_priority)
        form.addRow(self.tr("Access:"), self.route_access)
        form.addRow(self.tr("Parking:"), self.route_parking)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        candidates_title = QLabel(
            self.tr("Candidates (1–9 compare · L other locations · / search all records)")
        )
        candidates_title.setObjectName("candidatesTitle")
        candidates_title.setWordWrap(True)
        left_layout.addWidget(candidates_title)
        left_layout.addWidget(self.candidates)
        compare_row = QHBoxLayout()
        compare_row.addWidget(self.compare_title, 1)
        compare_row.addWidget(self.reveal)
        left_layout.addLayout(compare_row)
        left_layout.addWidget(self.compare, 3)
        why = QLabel(self.tr("How the rules got here"))
        why.setObjectName("rulePathTitle")
        left_layout.addWidget(why)
        left_layout.addWidget(self.rule_path)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.map, 1)
        right_layout.addWidget(self.route)

        body = QSplitter()
        body.setObjectName("reviewBody")
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([660, 400])
        body.setChildrenCollapsible(False)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.state)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        layout.addWidget(self.badges)
        layout.addWidget(body, 1)

        self.candidates.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._compare(current.row() + 1)
        )
        self.show_view(None)

    # -- showing ---------------------------------------------------------------------------

    def show_view(self, view: ItemView | None) -> None:
        self.view = view
        if view is None:
            self.title.setText(self.tr("No item selected"))
            self.state.clear()
            self.facts.clear()
            self.badges.show_warnings(())
            self.candidates_model.set_candidates(())
            self.compare_model.set_fields(())
            self.compare_title.clear()
            self.rule_path.clear()
            self.map.show_points((), None)
            self._show_route(None)
            self.reveal.setEnabled(False)
            return
        self.title.setText(" · ".join(p for p in (view.external_id, view.job.title) if p))
        self.state.setText(self._state_text(view))
        self.facts.setText(self._facts_text(view))
        self.badges.show_warnings(view.warnings)
        self.candidates_model.set_candidates(view.candidates)
        self._fit_candidates(len(view.candidates))
        self.rule_path.setText(
            "\n".join(f"{number}. {step}" for number, step in enumerate(view.explanation, 1))
            if view.explanation
            else self.tr("No mapping result for this version of the item.")
        )
        self._show_route(view.route)
        self.reveal.setEnabled(self._has_hidden(view))
        first = view.proposed_rank or (1 if view.candidates else 0)
        if first and self.candidates.currentIndex().row() != first - 1:
            self.select_candidate(first)
        else:
            # no candidate, or the rows changed in place under the current one
            self._compare(first)

    def _fit_candidates(self, rows: int) -> None:
        """As high as its rows (three to six), so the comparison gets the rest."""
        shown = max(3, min(6, rows))
        header = self.candidates.horizontalHeader().sizeHint().height()
        height = header + shown * self.candidates.verticalHeader().defaultSectionSize() + 4
        self.candidates.setFixedHeight(
            height + self.candidates.horizontalScrollBar().sizeHint().height()
        )

    def select_candidate(self, rank: int) -> bool:
        """Compare with candidate ``rank`` (1-based); False if there is none."""
        if not 1 <= rank <= self.candidates_model.rowCount():
            return False
        index = self.candidates_model.index(rank - 1, 0)
        self.candidates.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def _mark_rows(self) -> None:
        marked = self.compare_model.marked_rows
        for row in self._marked - marked:
            self.compare.setItemDelegateForRow(row, None)  # type: ignore[arg-type]
        for row in marked - self._marked:
            self.compare.setItemDelegateForRow(row, self._marks)
        if marked != self._marked:
            self.compare.doItemsLayout()
        self._marked = marked

    def editing(self) -> bool:
        """Whether a field of the comparison is being corrected."""
        return self.compare.state() == QAbstractItemView.State.EditingState

    def typing(self) -> bool:
        """True while a text field or an open editor has the keyboard: Enter then ends
        the typing (it never decides)."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit | QTextEdit | QAbstractSpinBox):
            return True
        if isinstance(focus, QComboBox) and focus.isEditable():
            return True
        return self.editing()

    def start_correcting(self) -> None:
        """Put the keyboard into the comparison's "Incoming" column to correct a field:
        the current row when it can be corrected, else the first that can."""
        model, table = self.compare_model, self.compare
        current = table.currentIndex()
        pair = model.field_pair(current.row()) if current.isValid() else None
        row = current.row() if pair is not None and pair.key in CORRECTABLE else -1
        if row < 0:
            row = next(
                (r for r in range(model.rowCount())
                 if (found := model.field_pair(r)) is not None and found.key in CORRECTABLE),
                -1,
            )  # fmt: skip
        if row < 0:
            return
        index = model.index(row, INCOMING)
        table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        table.setCurrentIndex(index)
        table.edit(index)

    def selected_candidate(self) -> CandidateView | None:
        index = self.candidates.currentIndex()
        return self.candidates_model.candidate(index.row()) if index.isValid() else None

    def _compare(self, rank: int) -> None:
        view = self.view
        if view is None:
            return
        candidate = self.candidates_model.candidate(rank - 1) if rank else None
        kept = self.compare_model.corrected_values
        if candidate is None:
            rows = [
                FieldPair(section, name, _text(values.get(name)), None)
                for section, values, names in (
                    ("customer", view.incoming_customer, ("name", "customerNumber", "externalId")),
                    ("location", view.incoming_location, ("name", "street", "postalCode", "city")),
                )
                for name in names
            ]
            self.compare_model.set_fields(rows, keep_corrections=True)
            self.compare_title.setText(self.tr("What came in (no candidate)"))
        else:
            self.compare_model.set_fields(
                candidate.fields, candidate.reasons, keep_corrections=True
            )
            self.compare_title.setText(
                self.tr("Compared with candidate {rank}: {name}").format(
                    rank=candidate.rank, name=candidate.customer_name or candidate.customer_id
                )
            )
        self.compare_model.apply_corrections(kept)
        self.map.show_points(self._points(view), candidate_key(rank) if rank else None)
        self.candidate_changed.emit(rank)

    def _points(self, view: ItemView) -> list[MapPoint]:
        incoming = view.incoming_coordinates
        points = [
            MapPoint(
                INCOMING_KEY,
                self.tr("Incoming"),
                MarkerKind.INCOMING,
                None,
                incoming[0] if incoming else None,
                incoming[1] if incoming else None,
            )
        ]
        for candidate in view.candidates:
            location = candidate.location
            points.append(
                MapPoint(
                    candidate_key(candidate.rank),
                    candidate.customer_name or str(candidate.customer_id),
                    MarkerKind.CANDIDATE,
                    candidate.rank,
                    location.latitude if location else None,
                    location.longitude if location else None,
                )
            )
        return points

    def _show_route(self, route: RouteReadiness | None) -> None:
        unknown = self.tr("(not known)")
        if route is None:
            self.route_verdict.clear()
            for label in (
                self.route_minutes,
                self.route_priority,
                self.route_access,
                self.route_parking,
            ):
                label.clear()
            return  # fmt: skip
        missing = []
        if not route.has_coordinates:
            missing.append(self.tr("coordinates"))
        if route.work_minutes is None:
            missing.append(self.tr("default work minutes"))
        if not route.priority:
            missing.append(self.tr("default priority"))
        of = (
            self.tr("the linked location")
            if route.source == "location"
            else self.tr("the incoming location")
        )
        if route.ready:
            verdict = self.tr("✔ Ready for route planning ({of}).").format(of=of)
        else:
            verdict = self.tr("✖ Not ready for route planning ({of}): missing {what}.").format(
                of=of, what=", ".join(missing)
            )
        self.route_verdict.setText(verdict)
        self.route_minutes.setText(
            minutes_text(route.work_minutes) if route.work_minutes is not None else unknown
        )
        self.route_priority.setText(route.priority or unknown)
        self.route_access.setText(route.access_notes or "—")
        self.route_parking.setText(route.parking_notes or "—")

    def _state_text(self, view: ItemView) -> str:
        parts = [status_text(view.status), self._review_state(view.review_state)]
        if view.claimed_by:
            parts.append(self.tr("open by {who}").format(who=view.claimed_by))
        return " · ".join(parts)

    def _review_state(self, state: str) -> str:
        return {
            "pending": self.tr("to review"),
            "deferred": self.tr("deferred"),
            "decided": self.tr("decided"),
            "rejected": self.tr("rejected"),
            "cancelled": self.tr("cancelled"),
            "not-needed": self.tr("no review needed"),
        }.get(state, state)

    def _facts_text(self, view: ItemView) -> str:
        job = view.job
        parts = []
        if job.due:
            parts.append(self.tr("Due {date}").format(date=job.due))
        if job.window_start or job.window_end:
            parts.append(
                self.tr("Window {start}–{end}").format(
                    start=job.window_start or "…", end=job.window_end or "…"
                )
            )
        if job.priority:
            parts.append(self.tr("Priority {priority}").format(priority=job.priority))
        if job.work_minutes is not None:
            parts.append(self.tr("Work {minutes}").format(minutes=minutes_text(job.work_minutes)))
        if job.batch_id:
            parts.append(self.tr("Batch {batch}").format(batch=job.batch_id))
        customer = view.incoming_customer.get("name")
        location = view.incoming_location
        place = ", ".join(
            str(p) for p in (location.get("street"),
                             " ".join(str(x) for x in (location.get("postalCode"),
                                                       location.get("city")) if x)) if p
        )  # fmt: skip
        head = " — ".join(str(p) for p in (customer, place) if p)
        return " · ".join(p for p in ([head] if head else []) + parts)

    # -- personal data ---------------------------------------------------------------------

    @staticmethod
    def _has_hidden(view: ItemView) -> bool:
        return any(
            pair.personal and "\u2022" in ((pair.incoming or "") + (pair.stored or ""))
            for candidate in view.candidates
            for pair in candidate.fields
        ) or any(
            isinstance(value, str) and "\u2022" in value for value in view.incoming_contact.values()
        )

    def show_revealed(self, incoming: dict[str, str | None], stored: dict[str, str | None]) -> None:
        """Show the revealed personal values in the comparison."""
        rows = []
        for row in range(self.compare_model.rowCount()):
            pair = self.compare_model.field_pair(row)
            assert pair is not None
            if pair.personal:
                pair = FieldPair(
                    pair.section,
                    pair.field,
                    incoming.get(pair.field),
                    stored.get(pair.field),
                    personal=False,
                )
            rows.append(pair)
        candidate = self.selected_candidate()
        self.compare_model.set_fields(
            rows, candidate.reasons if candidate else (), keep_corrections=True
        )
        self.reveal.setEnabled(False)


def _text(value: object) -> str | None:
    return None if value is None else (str(value).strip() or None)
