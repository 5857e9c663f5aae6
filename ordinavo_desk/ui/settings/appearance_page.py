"""The settings window's Appearance page: the language (shown after a restart) and light
or dark (applied at once).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QVBoxLayout, QWidget

from ordinavo_desk.ui import preferences
from ordinavo_desk.ui.preferences import Language, Theme
from ordinavo_desk.ui.settings.form_parts import FormGrid, note
from ordinavo_desk.ui.theme import apply_theme
from ordinavo_desk.ui.translation import resolve_language


class AppearancePage(QWidget):
    """Language (after a restart) and light or dark (at once)."""

    language_changed = Signal(str)
    theme_changed = Signal(str)

    def __init__(
        self,
        settings: QSettings | None = None,
        apply: Callable[[Theme], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("appearancePage")
        self.settings = settings
        self._apply = apply
        self._started_with = preferences.language(settings)

        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        system = resolve_language(Language.SYSTEM)
        self.language_combo.addItem(
            self.tr("As the system ({language})").format(language=_endonym(system)),
            Language.SYSTEM.value,
        )
        for language in (Language.ENGLISH, Language.GERMAN):
            self.language_combo.addItem(_endonym(language), language.value)
        self.language_combo.setCurrentIndex(
            self.language_combo.findData(preferences.language(settings).value)
        )
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.language_note = note(
            "languageNote",
            self.tr("A new language shows the next time Ordinavo Desk starts."),
        )

        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("themeCombo")
        self.theme_combo.addItem(self.tr("As the system (light or dark)"), Theme.SYSTEM.value)
        self.theme_combo.addItem(self.tr("Light"), Theme.LIGHT.value)
        self.theme_combo.addItem(self.tr("Dark"), Theme.DARK.value)
        self.theme_combo.setCurrentIndex(
            self.theme_combo.findData(preferences.theme(settings).value)
        )
        self.theme_combo.currentIndexChanged.connect(self._theme_chosen)
        self.theme_note = note(
            "themeNote",
            self.tr(
                "Applies at once. As the system, the window follows the system's light or "
                "dark setting, also when it changes."
            ),
        )

        form = FormGrid(stretch_fields=False)
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language_combo)
        form.addRow(language_label, self.language_combo)
        form.addRow("", self.language_note)
        theme_label = QLabel(self.tr("&Theme:"))
        theme_label.setBuddy(self.theme_combo)
        form.addRow(theme_label, self.theme_combo)
        form.addRow("", self.theme_note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    def language(self) -> Language:
        return Language(self.language_combo.currentData())

    def theme(self) -> Theme:
        return Theme(self.theme_combo.currentData())

    def _language_chosen(self, _index: int) -> None:
        language = self.language()
        preferences.set_language(language, self.settings)
        if language == self._started_with:
            self.language_note.setText(
                self.tr("A new language shows the next time Ordinavo Desk starts.")
            )
        else:
            self.language_note.setText(
                self.tr("Saved. Start Ordinavo Desk again to see it in {language}.").format(
                    language=_endonym(resolve_language(language))
                )
            )
        self.language_changed.emit(language.value)

    def _theme_chosen(self, _index: int) -> None:
        theme = self.theme()
        preferences.set_theme(theme, self.settings)
        if self._apply is not None:
            self._apply(theme)
        self.theme_changed.emit(theme.value)


def _endonym(language: Language) -> str:
    """A language's name in that language (not translated: people look for their own)."""
    return {Language.ENGLISH: "English", Language.GERMAN: "Deutsch"}.get(language, "English")


def apply_to_app(theme: Theme) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, theme)
