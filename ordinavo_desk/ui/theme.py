"""Light and dark: follow the operating system, or force one.

``apply_theme(app, Theme.SYSTEM)`` leaves colours to the platform (Qt 6.5+ reads the
system's colour scheme and switches the palette when it changes) and listens to
``QStyleHints.colorSchemeChanged``: where the platform says "dark" but its palette stays
light (some Linux desktops), the desk's own dark palette steps in, and goes again when the
system turns light.

A forced Light or Dark first asks the platform (``QStyleHints.setColorScheme``, Qt 6.8+),
so native styles and title bars follow; where the platform does not take it (the
offscreen platform of the tests, older desktops), the Fusion style with the desk's own
palette gives the chosen look everywhere. Widgets that paint their own colours take them
from the palette, so a change shows at once, without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from ordinavo_desk.ui.preferences import Theme

_STATE_NAME = "ordinavoDeskThemeState"
_FALLBACK_STYLE = "Fusion"


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws light text on a dark window."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def dark_palette() -> QPalette:
    """The desk's dark palette (for the Fusion style)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.ToolTipBase: "#3c3f41",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8f94",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#36393d",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b68",
        QPalette.ColorRole.Light: "#4a4d52",
        QPalette.ColorRole.Midlight: "#3d4044",
        QPalette.ColorRole.Mid: "#303236",
        QPalette.ColorRole.Dark: "#191a1c",
        QPalette.ColorRole.Shadow: "#0d0d0d",
        QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6ea8ff",
        QPalette.ColorRole.LinkVisited: "#b592f0",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#7a7d82"))
    palette.setColor(disabled, QPalette.ColorRole.Base, QColor("#25272a"))
    palette.setColor(disabled, QPalette.ColorRole.Button, QColor("#2f3135"))
    palette.setColor(disabled, QPalette.ColorRole.Highlight, QColor("#4a4d52"))
    palette.setColor(disabled, QPalette.ColorRole.HighlightedText, QColor("#a0a3a8"))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette."""
    style = QStyleFactory.create(_FALLBACK_STYLE)
    palette = style.standardPalette()
    style.deleteLater()
    return palette


class _ThemeState(QObject):
    """What ``apply_theme`` needs to undo a forced theme and to follow the system: the
    style the application started with, and the current choice. A child of the app."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(_STATE_NAME)
        self.app = app
        self.original_style = app.style().name()
        self.choice = Theme.SYSTEM
        self.fallback = False  # the desk's own palette is in use
        app.styleHints().colorSchemeChanged.connect(self._system_changed)

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.choice is Theme.SYSTEM:
            _follow_system(self)


def _state(app: QApplication) -> _ThemeState:
    found = app.findChild(_ThemeState, _STATE_NAME)
    return found if isinstance(found, _ThemeState) else _ThemeState(app)


def _set_style(app: QApplication, name: str) -> None:
    if app.style().name().lower() != name.lower():
        app.setStyle(name)


def _ask_platform(app: QApplication, scheme: Qt.ColorScheme) -> None:
    hints = app.styleHints()
    if scheme is Qt.ColorScheme.Unknown and hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()
    elif hasattr(hints, "setColorScheme"):  # Qt 6.8+
        hints.setColorScheme(scheme)


def _platform_palette(state: _ThemeState) -> None:
    """Colours and style as the platform gives them."""
    _set_style(state.app, state.original_style)
    state.app.setPalette(QPalette())  # a palette that sets nothing: the platform's own
    state.fallback = False


def _own_palette(state: _ThemeState, dark: bool) -> None:
    _set_style(state.app, _FALLBACK_STYLE)
    state.app.setPalette(dark_palette() if dark else light_palette())
    state.fallback = True


def _follow_system(state: _ThemeState) -> None:
    _platform_palette(state)
    system_dark = state.app.styleHints().colorScheme() is Qt.ColorScheme.Dark
    if system_dark and not is_dark(state.app.palette()):
        _own_palette(state, dark=True)


def apply_theme(app: QApplication, choice: Theme | str) -> Theme:
    """Apply ``choice`` to the whole application (at once; widgets repaint) and return it.
    Call it again with another choice at any time; SYSTEM undoes a forced theme."""
    wanted = Theme(choice)
    state = _state(app)
    state.choice = wanted
    if wanted is Theme.SYSTEM:
        _ask_platform(app, Qt.ColorScheme.Unknown)
        _follow_system(state)
        return wanted
    scheme = Qt.ColorScheme.Dark if wanted is Theme.DARK else Qt.ColorScheme.Light
    _ask_platform(app, scheme)
    _platform_palette(state)
    taken = app.styleHints().colorScheme() is scheme
    if not taken or is_dark(app.palette()) != (wanted is Theme.DARK):
        _own_palette(state, dark=wanted is Theme.DARK)
    return wanted


def current_theme(app: QGuiApplication) -> Theme:
    """The choice last applied (SYSTEM when ``apply_theme`` was never called)."""
    found = app.findChild(_ThemeState, _STATE_NAME)
    return found.choice if isinstance(found, _ThemeState) else Theme.SYSTEM
