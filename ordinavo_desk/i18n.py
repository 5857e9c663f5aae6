"""Translation of user-visible text outside Qt (the command line)."""

from __future__ import annotations

import gettext

_translation = gettext.translation("ordinavo-desk", fallback=True)


def _(message: str) -> str:
    """The translation of ``message`` in the user's language (English when none)."""
    return _translation.gettext(message)
