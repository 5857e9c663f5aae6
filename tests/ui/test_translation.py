"""Languages and themes: German installed from our .qm and Qt's own, numbers in the
language's format, the .ts complete (every message finished, placeholders and
accelerators kept), ``scripts/translations.py --check`` clean, and light or dark."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from ordinavo_desk.ui.preferences import Language, Theme
from ordinavo_desk.ui.theme import apply_theme, current_theme, is_dark
from ordinavo_desk.ui.translation import (
    InstalledTranslations,
    install_translations,
    remove_translations,
    resolve_language,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ordinavo_desk_de.ts"
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%L?\d")


@pytest.fixture
def german(qapp: QApplication) -> Iterator[InstalledTranslations]:
    installed = install_translations(qapp, Language.GERMAN)
    try:
        yield installed
    finally:
        remove_translations(qapp)  # the other tests stay English


@pytest.fixture
def theme_restored(qapp: QApplication) -> Iterator[None]:
    try:
        yield
    finally:
        apply_theme(qapp, Theme.SYSTEM)


def test_german_comes_from_our_files_and_qts_own(
    german: InstalledTranslations, qtbot: QtBot
) -> None:
    assert german.language is Language.GERMAN and german.locale == "de_DE"
    assert [path.name for path in german.files] == ["ordinavo_desk_de.qm", "qtbase_de.qm"]
    assert german.missing == ()
    translate = QCoreApplication.translate
    assert translate("ReviewWorkspace", "Confirm") == "Bestätigen"
    assert translate("ReviewWorkspace", "Defer") == "Zurückstellen"
    assert translate("SettingsDialog", "Settings") == "Einstellungen"
    assert translate("QueueView", "%n item(s)", "", 1) == "1 Auftrag"
    assert translate("QueueView", "%n item(s)", "", 3) == "3 Aufträge"
    # Qt's own buttons, and numbers with the German decimal comma
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    assert QLocale().toString(0.9, "f", 2) == "0,90"


def test_removing_the_translations_brings_english_back(qapp: QApplication) -> None:
    install_translations(qapp, "de")
    remove_translations(qapp)
    assert QCoreApplication.translate("ReviewWorkspace", "Confirm") == "Confirm"
    english = install_translations(qapp, Language.ENGLISH)
    try:
        assert english.files == () and english.language is Language.ENGLISH
        assert QCoreApplication.translate("ReviewWorkspace", "Confirm") == "Confirm"
        assert QLocale().decimalPoint() == "."
    finally:
        remove_translations(qapp)


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ("de_DE", Language.GERMAN),
        ("de_AT", Language.GERMAN),
        ("en_GB", Language.ENGLISH),
        ("fr_FR", Language.ENGLISH),  # no French: English
    ],
)
def test_system_resolves_to_a_language_the_desk_has(system: str, expected: Language) -> None:
    assert resolve_language(Language.SYSTEM, QLocale(system)) is expected
    assert resolve_language("de", QLocale(system)) is Language.GERMAN


def test_the_settings_dialog_speaks_german(
    german: InstalledTranslations, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from ordinavo_desk.services.desk_settings import DeskSettingsService
    from ordinavo_desk.store.database import Store
    from ordinavo_desk.ui.background import Background
    from ordinavo_desk.ui.settings_dialog import SettingsDialog

    store = Store(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    background = Background()
    try:
        prefs = QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)
        dialog = SettingsDialog(DeskSettingsService(store), background, settings=prefs)
        qtbot.addWidget(dialog)
        tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        assert tabs == ["&Profil", "&Regeln", "&Karte", "&Darstellung"]
        assert dialog.windowTitle() == "Einstellungen"
        assert dialog.map_page.enabled_check.text() == "Kartenkacheln an&zeigen"
    finally:
        background.wait()
        QApplication.processEvents()
        store.dispose()


# -- the .ts file ------------------------------------------------------------------------------


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def test_every_message_of_the_ts_is_translated_with_its_placeholders() -> None:
    root = ET.parse(TS).getroot()
    assert root.get("language") == "de_DE" and root.get("sourcelanguage") == "en"
    problems = []
    count = 0
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            count += 1
            source = message.findtext("source") or ""
            translation = message.find("translation")
            where = f"{name}: {source!r}"
            if translation is None or translation.get("type") is not None:
                problems.append(f"{where} is not finished")
                continue
            if message.get("numerus") == "yes":
                forms = [form.text or "" for form in translation.findall("numerusform")]
                if len(forms) != 2:  # German: singular and plural
                    problems.append(f"{where} has {len(forms)} plural forms")
            else:
                forms = [translation.text or ""]
            for form in forms:
                if not form.strip():
                    problems.append(f"{where} is empty")
                elif _placeholders(form) != _placeholders(source):
                    problems.append(f"{where} → {form!r} changes the placeholders")
    assert count > 500
    assert problems == []


def test_the_translation_files_are_up_to_date_with_the_sources() -> None:
    """Fails when a text of the window was added or changed without running
    ``python scripts/translations.py`` (and translating it)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# -- light and dark ----------------------------------------------------------------------------


def test_a_forced_dark_theme_gives_a_dark_palette_and_system_undoes_it(
    qapp: QApplication, qtbot: QtBot, theme_restored: None
) -> None:
    assert not is_dark(qapp.palette())  # the offscreen platform is light
    apply_theme(qapp, Theme.DARK)
    assert current_theme(qapp) is Theme.DARK
    assert is_dark(qapp.palette())
    widget = QWidget()
    qtbot.addWidget(widget)
    assert is_dark(widget.palette())
    window = widget.palette().color(QPalette.ColorRole.Window)
    assert window.lightness() < 80
    apply_theme(qapp, Theme.LIGHT)
    QApplication.processEvents()
    assert not is_dark(widget.palette())
    apply_theme(qapp, "dark")
    apply_theme(qapp, Theme.SYSTEM)
    QApplication.processEvents()
    assert current_theme(qapp) is Theme.SYSTEM
    assert not is_dark(qapp.palette()) and not is_dark(widget.palette())
