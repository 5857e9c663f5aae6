"""The desk's typed error tree. Every error a person may see derives from DeskError."""

from __future__ import annotations


class DeskError(Exception):
    """Base of every error the desk reports to a person."""


class InputError(DeskError):
    """Bad input from a file or the command line: names the file, line and field."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field {self.field}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class SettingsError(InputError):
    """Invalid mapping settings or profile values."""


class StoreError(DeskError):
    """The local store could not be opened or written."""


class NotFoundError(DeskError):
    """A named record (profile, item) does not exist."""


class ConflictError(DeskError):
    """A write collides with the store's state (duplicate key, stale version)."""
