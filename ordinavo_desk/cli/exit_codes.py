"""Exit codes of the ``ordinavo-desk`` command."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
#: The server refused the key (401): it is wrong, revoked or expired.
EXIT_KEY_REFUSED = 3
#: The key may not do this (403): a scope is missing.
EXIT_FORBIDDEN = 4
#: No usable answer: unreachable, timed out, or the server failed after the retries.
EXIT_UNREACHABLE = 5
