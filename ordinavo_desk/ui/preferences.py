"""Preferences of the window itself (language, theme), kept in QSettings.

They belong to the person at this computer, not to a profile or a store: QSettings puts
them where the platform keeps application settings (``~/.config/Ordinavo/ordinavo-desk.conf``
on Linux, the registry on Windows, a plist on macOS), under the organization and
application names that ``configure_application`` sets. Every function takes an optional
``QSettings`` so that tests (and tools) can point at a file of their own.

QSettings holds values in memory and writes them back in the background of the event
loop (and when the application ends); reading them is a lookup in memory after the first
access.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSettings

LANGUAGE_KEY = "appearance/language"
THEME_KEY = "appearance/theme"


class Language(StrEnum):
    #: The language of the operating system (English where it is neither English nor German).
    SYSTEM = "system"
    ENGLISH = "en"
    GERMAN = "de"


class Theme(StrEnum):
    #: Light or dark as the operating system says, following its changes.
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def settings() -> QSettings:
    """The application's own settings (organization and application names of the app)."""
    return QSettings()


def _read(store: QSettings | None, key: str) -> str:
    value = (store or settings()).value(key, "")
    return value if isinstance(value, str) else ""


def language(store: QSettings | None = None) -> Language:
    """The chosen language; SYSTEM when none is chosen or the value is unknown."""
    try:
        return Language(_read(store, LANGUAGE_KEY))
    except ValueError:
        return Language.SYSTEM


def set_language(value: Language | str, store: QSettings | None = None) -> None:
    (store or settings()).setValue(LANGUAGE_KEY, Language(value).value)


def theme(store: QSettings | None = None) -> Theme:
    """The chosen theme; SYSTEM when none is chosen or the value is unknown."""
    try:
        return Theme(_read(store, THEME_KEY))
    except ValueError:
        return Theme.SYSTEM


def set_theme(value: Theme | str, store: QSettings | None = None) -> None:
    (store or settings()).setValue(THEME_KEY, Theme(value).value)
