"""Distances and durations as the window shows them ("42 m", "3.1 km", "45 min"), with
the decimal separator of the current locale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def distance_text(metres: float) -> str:
    locale = QLocale()
    if metres < 1000:
        value = locale.toString(round(metres))
        return QCoreApplication.translate("Units", "{value} m").format(value=value)
    kilometres = metres / 1000
    value = locale.toString(kilometres, "f", 1 if kilometres < 100 else 0)
    return QCoreApplication.translate("Units", "{value} km").format(value=value)


def minutes_text(minutes: int) -> str:
    return QCoreApplication.translate("Units", "{value} min").format(value=minutes)
