"""Memory figures of this process (Linux)."""

from __future__ import annotations

import os
import resource


def peak_rss_mb() -> float:
    """The highest resident set size of the process so far, MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def rss_mb() -> float:
    """The resident set size now, MiB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024.0 * 1024.0)
