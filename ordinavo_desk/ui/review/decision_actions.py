"""The review's actions: each decision, undo, bulk and moving through the queue as a
QAction with its keys and tip, the decision bar's buttons, and which actions the item on
screen and the profile's scopes allow.

The texts keep the translation context ``ReviewWorkspace``, whose window shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from ordinavo_desk.domain.enums import Scope
from ordinavo_desk.domain.settings import MappingSettings
from ordinavo_desk.services.item_view import ItemView

# the review states in which an item can still be decided
DECIDABLE = {"pending", "deferred", "not-needed"}


def _specs() -> list[tuple[str, str, list[QKeySequence | str], str]]:
    """(name, text, keys, tip) of every action but the candidates'."""
    return [
        (
            "confirmAction",
            QCoreApplication.translate("ReviewWorkspace", "Confirm"),
            ["Return", "Enter"],
            QCoreApplication.translate(
                "ReviewWorkspace",
                "Confirm the candidate in view (Choose it if the rules proposed another)",
            ),
        ),
        (
            "locationsAction",
            QCoreApplication.translate("ReviewWorkspace", "Locations…"),
            ["L"],
            QCoreApplication.translate(
                "ReviewWorkspace", "Choose another location of the candidate, or a new one"
            ),
        ),
        (
            "searchAction",
            QCoreApplication.translate("ReviewWorkspace", "Search records…"),
            ["/", "Ctrl+F"],
            QCoreApplication.translate(
                "ReviewWorkspace", "Search every customer and location of the tenant"
            ),
        ),
        (
            "correctAction",
            QCoreApplication.translate("ReviewWorkspace", "Correct fields"),
            ["E"],
            QCoreApplication.translate(
                "ReviewWorkspace", "Edit what came in, before Create new or a new location"
            ),
        ),
        (
            "createAction",
            QCoreApplication.translate("ReviewWorkspace", "Create new"),
            ["N"],
            QCoreApplication.translate(
                "ReviewWorkspace", "Create the customer from what came in (with the corrections)"
            ),
        ),
        (
            "rejectAction",
            QCoreApplication.translate("ReviewWorkspace", "Reject…"),
            ["R"],
            QCoreApplication.translate("ReviewWorkspace", "Leave the item unmapped, with a reason"),
        ),
        (
            "deferAction",
            QCoreApplication.translate("ReviewWorkspace", "Defer…"),
            ["D"],
            QCoreApplication.translate(
                "ReviewWorkspace", "Put the item aside, optionally until a date"
            ),
        ),
        (
            "undoAction",
            QCoreApplication.translate("ReviewWorkspace", "Undo"),
            [QKeySequence(QKeySequence.StandardKey.Undo)],
            QCoreApplication.translate(
                "ReviewWorkspace", "Undo the last decision of this session (again for earlier ones)"
            ),
        ),
        (
            "nextAction",
            QCoreApplication.translate("ReviewWorkspace", "Next"),
            ["J"],
            QCoreApplication.translate("ReviewWorkspace", "The next item of the queue"),
        ),
        (
            "previousAction",
            QCoreApplication.translate("ReviewWorkspace", "Previous"),
            ["K"],
            QCoreApplication.translate("ReviewWorkspace", "The previous item of the queue"),
        ),
        (
            "bulkAction",
            QCoreApplication.translate("ReviewWorkspace", "Confirm confident…"),
            ["Ctrl+B"],
            QCoreApplication.translate(
                "ReviewWorkspace", "Confirm every selected item whose top candidate is confident"
            ),
        ),
        (
            "revealAction",
            QCoreApplication.translate("ReviewWorkspace", "Reveal personal data"),
            ["Ctrl+Shift+P"],
            QCoreApplication.translate(
                "ReviewWorkspace",
                "Show the contact's email and phone (recorded in the audit trail)",
            ),
        ),
    ]


def build_actions(
    owner: QWidget,
    slots: Mapping[str, Callable[[], Any]],
    candidate: Callable[[int], Callable[[], Any]],
) -> dict[str, QAction]:
    """The actions, added to ``owner`` (their keys work in its window), by object name;
    ``slots`` names each action's slot, ``candidate(n)`` the slot of the key n."""
    actions: dict[str, QAction] = {}

    def add(name: str, text: str, keys: Sequence[QKeySequence | str], slot: Any, tip: str) -> None:
        action = QAction(text, owner)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        owner.addAction(action)
        actions[name] = action

    for name, text, keys, tip in _specs():
        add(name, text, keys, slots[name], tip)
    for rank in range(1, 10):
        add(f"candidate{rank}Action",
            QCoreApplication.translate("ReviewWorkspace", "Candidate {n}").format(n=rank),
            [str(rank)], candidate(rank),
            QCoreApplication.translate("ReviewWorkspace", "Compare with candidate {n}").format(
                n=rank))  # fmt: skip
    return actions


def decision_bar(actions: Mapping[str, QAction]) -> QWidget:
    """The decisions on one row, undo, bulk and moving through the queue on the next
    (so the window fits a 1366-pixel screen)."""
    bar = QWidget()
    bar.setObjectName("decisionBar")
    rows = QVBoxLayout(bar)
    rows.setContentsMargins(0, 4, 0, 0)
    rows.setSpacing(2)
    first, second = QHBoxLayout(), QHBoxLayout()
    for name in ("confirmAction", "locationsAction", "searchAction", "createAction",
                 "rejectAction", "deferAction"):  # fmt: skip
        first.addWidget(_button(actions[name]))
    first.addStretch(1)
    for name in ("undoAction", "bulkAction"):
        second.addWidget(_button(actions[name]))
    second.addStretch(1)
    for name in ("previousAction", "nextAction"):
        second.addWidget(_button(actions[name]))
    rows.addLayout(first)
    rows.addLayout(second)
    return bar


def _button(action: QAction) -> QToolButton:
    """A button of the bar: the action's text with its key."""
    button = QToolButton()
    button.setObjectName(action.objectName().replace("Action", "Button"))
    button.setDefaultAction(action)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    shown = {"Return": "⏎"}.get(keys, keys)

    def label() -> None:
        button.setText(f"{action.text()}  {shown}" if shown else action.text())

    label()
    action.changed.connect(label)
    return button


def update_actions(
    actions: Mapping[str, QAction],
    view: ItemView | None,
    settings: MappingSettings,
    *,
    can_reveal: bool,
    undo_label: str | None,
) -> None:
    """Enable what the item on screen and the profile's scopes allow; an action a scope
    forbids names the missing scope in its tip."""
    may_map = settings.has_scope(Scope.CUSTOMERS_MAP)
    may_write = settings.has_scope(Scope.CUSTOMERS_WRITE)
    decidable = view is not None and view.review_state in DECIDABLE
    has_candidates = view is not None and bool(view.candidates)
    wants = {
        "confirmAction": (decidable and (has_candidates or linked(view)), Scope.CUSTOMERS_MAP),
        "locationsAction": (decidable and has_candidates, Scope.CUSTOMERS_MAP),
        "searchAction": (decidable, Scope.CUSTOMERS_MAP),
        "createAction": (decidable, Scope.CUSTOMERS_WRITE),
        "rejectAction": (decidable, Scope.CUSTOMERS_MAP),
        "deferAction": (decidable, Scope.CUSTOMERS_MAP),
        "correctAction": (decidable, None),
        "undoAction": (undo_label is not None, Scope.CUSTOMERS_MAP),
        "bulkAction": (True, Scope.CUSTOMERS_MAP),
    }
    for name, (possible, scope) in wants.items():
        action = actions[name]
        allowed = scope is None or (may_write if scope is Scope.CUSTOMERS_WRITE else may_map)
        if not allowed and scope is not None:
            tip = QCoreApplication.translate(
                "ReviewWorkspace", "Needs the scope {scope}, which this profile's key lacks."
            ).format(scope=scope.value)
        else:
            tip = action.statusTip()
        _set_action(action, enabled=possible and allowed, tip=tip)
    reveal = actions["revealAction"]
    _set_action(reveal, enabled=view is not None and can_reveal, tip=reveal.toolTip())
    undo = actions["undoAction"]
    if undo_label is not None:
        tip = QCoreApplication.translate("ReviewWorkspace", "Undo {what}").format(what=undo_label)
        _set_action(undo, enabled=undo.isEnabled(), tip=tip)


def _set_action(action: QAction, *, enabled: bool, tip: str) -> None:
    """Change only what changed: each change re-labels the action's buttons and menus,
    which would cost a new layout of the decision bar on every item."""
    if action.isEnabled() != enabled:
        action.setEnabled(enabled)
    if action.toolTip() != tip:
        action.setToolTip(tip)


def linked(view: ItemView | None) -> bool:
    """The item is linked to a customer already (Confirm keeps that link)."""
    return view is not None and view.links.customer_id is not None
