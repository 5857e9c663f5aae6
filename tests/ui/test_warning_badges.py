"""The warning badges of the item on screen: one per warning, coloured by severity,
explained beneath, and the same widgets reused from item to item."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ordinavo_desk.services.item_view import WarningView
from ordinavo_desk.ui.review.warning_badges import WarningBadges, badge_colours

BLOCKED = WarningView("CustomerArchivedOrBlocked", {"customer": "Müller GmbH", "status": "Blocked"})
LOOK_ALIKES = WarningView("AmbiguousNameAndAddress", {"count": "2"})
NO_COORDINATES = WarningView("LocationMissingCoordinates", {})


def _shown(widget: WarningBadges) -> list[str]:
    return [b.text() for b in widget.findChildren(QLabel) if b.objectName().startswith(
        "badge_") and b.isVisibleTo(widget)]  # fmt: skip


def test_badges_follow_the_item_and_are_reused(qtbot: QtBot) -> None:
    widget = WarningBadges()
    qtbot.addWidget(widget)
    widget.show()
    widget.show_warnings((BLOCKED, LOOK_ALIKES))
    first = list(widget.badges)
    assert len(_shown(widget)) == 2
    assert [b.objectName() for b in first] == [
        "badge_CustomerArchivedOrBlocked",
        "badge_AmbiguousNameAndAddress",
    ]
    assert "Look-alikes" in widget.details.text()

    widget.show_warnings((LOOK_ALIKES,))
    assert _shown(widget) == [first[1].text()]
    assert widget.badges == [first[0]]  # the same label, now for the other warning
    assert widget.badges[0].objectName() == "badge_AmbiguousNameAndAddress"
    assert first[1].isHidden()

    widget.show_warnings(())
    assert _shown(widget) == [] and widget.badges == []
    assert widget.details.text() == "No warnings."

    widget.show_warnings((BLOCKED, LOOK_ALIKES))
    assert widget.badges == first  # nothing made anew
    assert len(_shown(widget)) == 2


def test_a_reused_badge_takes_the_colour_of_its_new_warning(qtbot: QtBot) -> None:
    widget = WarningBadges()
    qtbot.addWidget(widget)
    widget.show_warnings((BLOCKED,))  # a problem
    problem = widget.badges[0].styleSheet()
    widget.show_warnings((NO_COORDINATES,))  # a notice, on the same label
    notice = widget.badges[0].styleSheet()
    assert problem != notice
    background, _text = badge_colours("notice", widget.palette())
    assert background.name() in notice
    widget.show_warnings((BLOCKED,))
    assert widget.badges[0].styleSheet() == problem
