"""The settings window, kept under its old name: the dialog and its pages live in
``ordinavo_desk/ui/settings/``; this module re-exports their public names."""

from ordinavo_desk.ui.settings.appearance_page import AppearancePage
from ordinavo_desk.ui.settings.map_page import OSM_POLICY_URL, MapPage
from ordinavo_desk.ui.settings.profile_page import API_KEY_ENV, ProfilePage
from ordinavo_desk.ui.settings.rule_texts import (
    fallback_text,
    review_actions,
    scope_texts,
    strategy_text,
)
from ordinavo_desk.ui.settings.rules_page import RulesPage, ScopesModel
from ordinavo_desk.ui.settings.settings_dialog import SettingsDialog

__all__ = [
    "API_KEY_ENV",
    "OSM_POLICY_URL",
    "AppearancePage",
    "MapPage",
    "ProfilePage",
    "RulesPage",
    "ScopesModel",
    "SettingsDialog",
    "fallback_text",
    "review_actions",
    "scope_texts",
    "strategy_text",
]
