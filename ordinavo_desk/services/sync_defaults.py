"""Defaults of a sync that the command line names without loading the sync itself."""

from __future__ import annotations

#: Items or reference records asked for per page of a pull.
DEFAULT_PAGE_SIZE = 500
