"""The settings window (settings_dialog.py) and its pages: Profile, Rules, Map and
Appearance, with the form parts and the rule and scope texts they share."""
