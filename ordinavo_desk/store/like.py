"""Text search with SQL LIKE: a word is matched as typed, wildcards included."""

from __future__ import annotations

#: The escape character of ``contains_pattern``; pass it as LIKE's ``escape``.
ESCAPE = "\\"


def contains_pattern(word: str) -> str:
    """A LIKE pattern matching text that contains ``word`` literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
