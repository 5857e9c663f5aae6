"""The tables that change with every item: rows of the same shape change in place (one
change of data, no reset), another shape resets the table; what a view shows is always
the rows last given."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from ordinavo_desk.ui.roles import DISPLAY, FONT, TOOLTIP
from ordinavo_desk.ui.standard_table import EDITABLE, READ_ONLY, StandardTable, cell


def _table() -> StandardTable:
    return StandardTable(("Name", "City"))


def _texts(table: StandardTable) -> list[list[str | None]]:
    return [
        [table.index(row, column).data(DISPLAY) for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def _counting(table: StandardTable) -> dict[str, int]:
    seen = {"reset": 0, "changed": 0}
    table.modelReset.connect(lambda: seen.__setitem__("reset", seen["reset"] + 1))
    table.dataChanged.connect(lambda *_: seen.__setitem__("changed", seen["changed"] + 1))
    return seen


def test_rows_of_the_same_shape_change_in_place(qtbot: QtBot, qtmodeltester: object) -> None:
    table = _table()
    bold = QFont()
    bold.setBold(True)
    table.replace_rows(
        [
            [cell({DISPLAY: "Müller GmbH", FONT: bold, TOOLTIP: "proposed"}), cell({DISPLAY: "Essen"})],
            [cell({DISPLAY: "Becker KG"}), cell({DISPLAY: "Bochum"}, EDITABLE)],
        ]
    )  # fmt: skip
    seen = _counting(table)
    table.replace_rows(
        [
            [cell({DISPLAY: "Schmidt AG"}), cell({DISPLAY: "Essen"})],
            [cell({DISPLAY: "Becker KG", TOOLTIP: None}), cell({DISPLAY: "Dortmund"})],
        ]
    )
    assert seen == {"reset": 0, "changed": 1}
    assert _texts(table) == [["Schmidt AG", "Essen"], ["Becker KG", "Dortmund"]]
    # roles the new cell does not set are gone, not left over from the row before
    assert table.index(0, 0).data(FONT) is None
    assert table.index(0, 0).data(TOOLTIP) is None
    assert table.flags(table.index(1, 1)) == READ_ONLY
    qtmodeltester.check(table)  # type: ignore[attr-defined]


def test_another_shape_resets_the_table(qtbot: QtBot, qtmodeltester: object) -> None:
    table = _table()
    table.replace_rows([[cell({DISPLAY: "A"}), cell({DISPLAY: "Essen"})]])
    seen = _counting(table)
    table.replace_rows(
        [[cell({DISPLAY: "B"}), cell({DISPLAY: "Bochum"})], [cell({DISPLAY: "C"}), cell({})]]
    )
    assert seen["reset"] == 1
    assert _texts(table) == [["B", "Bochum"], ["C", None]]
    table.replace_rows([])
    assert seen["reset"] == 2 and table.rowCount() == 0
    qtmodeltester.check(table)  # type: ignore[attr-defined]


def test_one_row_is_replaced_alone(qtbot: QtBot) -> None:
    table = _table()
    table.replace_rows(
        [[cell({DISPLAY: "A"}), cell({DISPLAY: "Essen"})], [cell({DISPLAY: "B"}), cell({})]]
    )
    seen = _counting(table)
    table.replace_row(1, [cell({DISPLAY: "B"}), cell({DISPLAY: "Hagen"}, EDITABLE)])
    assert seen["reset"] == 0
    assert _texts(table) == [["A", "Essen"], ["B", "Hagen"]]
    assert table.flags(table.index(1, 1)) & Qt.ItemFlag.ItemIsEditable
    # the next replacement starts from what the row shows now
    table.replace_rows(
        [[cell({DISPLAY: "A"}), cell({DISPLAY: "Essen"})], [cell({DISPLAY: "B"}), cell({})]]
    )
    assert _texts(table) == [["A", "Essen"], ["B", None]]
    assert not table.flags(table.index(1, 1)) & Qt.ItemFlag.ItemIsEditable
