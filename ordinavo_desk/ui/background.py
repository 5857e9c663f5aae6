"""Running store and network work off the UI thread.

``Background.submit(work, done, failed)`` runs ``work`` on Qt's thread pool and calls
``done(result)`` or ``failed(error)`` back on the thread that owns the ``Background``
(the UI thread). The window never waits for a database or a server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object, object, object)  # callback, result or error, ok


class _Job(QRunnable):
    def __init__(
        self,
        work: Callable[[], Any],
        relay: _Relay,
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._done = done
        self._failed = failed

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # noqa: BLE001 - handed to ``failed`` on the UI thread
            self._relay.finished.emit(self._failed, error, False)
            return
        self._relay.finished.emit(self._done, result, True)


class Background(QObject):
    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        # a pool of its own: Qt's global pool may be busy with Qt's own work
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self.pending = 0

    def submit(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        self.pending += 1
        self._pool.start(_Job(work, self._relay, done, failed))

    def _deliver(self, callback: Callable[[Any], None], value: Any, _ok: bool) -> None:
        self.pending -= 1
        callback(value)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the pool's jobs (tests and shutdown); callbacks arrive with events."""
        return bool(self._pool.waitForDone(msecs))
