"""The window's language: Qt translation files and the locale of numbers and dates.

``install_translations(app, language)`` loads ``resources/translations/ordinavo_desk_<lang>.qm``
(the desk's own texts, made by ``scripts/translations.py``) and Qt's ``qtbase_<lang>.qm``
(the texts of Qt's own buttons and dialogs: OK, Cancel, …), and makes the language's
locale the default, so that numbers get its decimal separator. English needs no files:
the source texts are English.

Call it before any window is made: widgets take their texts when they are built, so a
change of language shows after the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ordinavo_desk.resources import resource_path
from ordinavo_desk.ui.preferences import Language

#: The languages the desk has texts for; the first is the language of the source texts.
SUPPORTED = (Language.ENGLISH, Language.GERMAN)
CATALOG = "ordinavo_desk"
QT_CATALOG = "qtbase"

_installed: list[QTranslator] = []  # kept referenced while installed
_default_locale: QLocale | None = None  # the default before the first install


@dataclass(frozen=True, slots=True)
class InstalledTranslations:
    """What ``install_translations`` did."""

    #: The language the texts are in ("en", "de").
    language: Language
    #: The locale numbers and dates follow ("de_DE").
    locale: str
    #: The .qm files loaded (none for English).
    files: tuple[Path, ...]
    #: Files that should exist for the language but were not found (or not loaded).
    missing: tuple[str, ...] = ()


def resolve_language(language: Language | str, system: QLocale | None = None) -> Language:
    """``language`` itself, or for SYSTEM the first supported language of the system's UI
    languages (English when none is supported)."""
    chosen = Language(language)
    if chosen is not Language.SYSTEM:
        return chosen
    locale = system or QLocale.system()
    for name in [*locale.uiLanguages(), locale.name()]:
        code = name.replace("-", "_").split("_", 1)[0].lower()
        for supported in SUPPORTED:
            if code == supported.value:
                return supported
    return Language.ENGLISH


def _locale_for(language: Language) -> QLocale:
    """The system's locale where it speaks ``language`` (keeping its country), else the
    language's main locale (en_US, de_DE)."""
    system = QLocale.system()
    if system.name().split("_", 1)[0] == language.value:
        return system
    return QLocale(language.value)


def _qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def remove_translations(app: QCoreApplication) -> None:
    """Uninstall what ``install_translations`` installed and restore the default locale."""
    while _installed:
        app.removeTranslator(_installed.pop())
    if _default_locale is not None:
        QLocale.setDefault(_default_locale)


def install_translations(
    app: QCoreApplication, language: Language | str = Language.SYSTEM
) -> InstalledTranslations:
    """Install the translations of ``language`` (SYSTEM: the system's language) and make
    its locale the default; replaces what an earlier call installed."""
    global _default_locale  # noqa: PLW0603 - the one process-wide default, restored on removal
    if _default_locale is None:
        _default_locale = QLocale()
    remove_translations(app)
    chosen = resolve_language(language)
    locale = _locale_for(chosen)
    QLocale.setDefault(locale)
    if chosen is Language.ENGLISH:
        return InstalledTranslations(chosen, locale.name(), ())
    loaded: list[Path] = []
    missing: list[str] = []
    own = resource_path("translations", f"{CATALOG}_{chosen.value}.qm")
    qt_dir = _qt_translations_dir()
    candidates = [
        (own, f"{CATALOG}_{chosen.value}.qm"),
        (qt_dir / f"{QT_CATALOG}_{chosen.value}.qm", f"{QT_CATALOG}_{chosen.value}.qm"),
    ]
    for path, name in candidates:
        translator = QTranslator(app)
        if path is not None and path.is_file() and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(path)
        else:
            translator.deleteLater()
            missing.append(name)
    return InstalledTranslations(chosen, locale.name(), tuple(loaded), tuple(missing))
