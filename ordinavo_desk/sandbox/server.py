"""Running the sandbox on uvicorn: in the foreground (``serve``) or, for tests and the
desk's trainer mode, in a background thread (``SandboxServer``)."""

from __future__ import annotations

import gc
import logging
import socket
import threading
import time
from pathlib import Path
from types import TracebackType

import uvicorn

from ordinavo_desk.sandbox.api_errors import ErrorFormat
from ordinavo_desk.sandbox.app import API_PREFIX, DroppedConnectionLogFilter, create_app
from ordinavo_desk.sandbox.faults import FaultInjector
from ordinavo_desk.sandbox.key_registry import KeyRegistry
from ordinavo_desk.sandbox.reference_feed import warm_wire_bodies
from ordinavo_desk.sandbox.sandbox_service import SandboxOptions, SandboxService
from ordinavo_desk.sandbox.sandbox_store import SandboxStore
from ordinavo_desk.sandbox.seed import DEMO_KEYS, DEMO_TENANT, demo_reference

_UVICORN_LOGGER = "uvicorn.error"


class SandboxServer:
    """The sandbox on a loopback socket in a background thread.

    ``start()`` returns once the server accepts connections; ``stop()`` asks it to exit
    and joins the thread. Use it as a context manager.
    """

    def __init__(self, service: SandboxService, host: str = "127.0.0.1", port: int = 0) -> None:
        self.service = service
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket.bind((host, port))
        self.host, self.port = self._socket.getsockname()[:2]
        config = uvicorn.Config(
            create_app(service),
            log_config=None,
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="sandbox-server"
        )
        self._filter = DroppedConnectionLogFilter()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}{API_PREFIX}"

    def start(self, timeout: float = 10.0) -> SandboxServer:
        logging.getLogger(_UVICORN_LOGGER).addFilter(self._filter)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._socket.close()
        logging.getLogger(_UVICORN_LOGGER).removeFilter(self._filter)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def build_service(
    data: Path | None,
    keys: Path | None,
    faults: str | None,
    *,
    review_extension: bool = True,
    error_format: ErrorFormat = ErrorFormat.ENVELOPE,
) -> SandboxService:
    """The service over ``data`` (a SQLite file; None: in memory), seeded with the demo
    reference data when empty, and the keys of ``keys`` (None: the demo keys)."""
    store = SandboxStore(data)
    if store.is_empty():
        store.seed(demo_reference(), DEMO_TENANT)
    warm_wire_bodies(store)
    registry = KeyRegistry.from_file(keys) if keys is not None else KeyRegistry(DEMO_KEYS.values())
    return SandboxService(
        store,
        registry,
        faults=FaultInjector(faults),
        options=SandboxOptions(review_extension=review_extension, error_format=error_format),
    )


def serve(
    host: str,
    port: int,
    data: Path | None,
    keys: Path | None,
    faults: str | None,
    *,
    review_extension: bool = True,
    error_format: ErrorFormat = ErrorFormat.ENVELOPE,
) -> None:
    """Serve in the foreground until interrupted (Ctrl+C)."""
    service = build_service(
        data, keys, faults, review_extension=review_extension, error_format=error_format
    )
    # The matching index lives as long as the server: keep the garbage collector from
    # scanning it again and again (with a large data file, that shows as slow answers).
    gc.collect()
    gc.freeze()
    logging.getLogger(_UVICORN_LOGGER).addFilter(DroppedConnectionLogFilter())
    try:
        uvicorn.run(create_app(service), host=host, port=port, lifespan="off")
    finally:
        service.store.dispose()
